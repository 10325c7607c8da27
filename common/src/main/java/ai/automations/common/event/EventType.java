package ai.automations.common.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of event an automation can be triggered by. The first group travels on {@code automation.events};
 * the run-metric kinds are derived by trigger-service from {@code automation.run-metrics}.
 */
public enum EventType {
    CREATE_ARTIFACT,
    LINK_ARTIFACT,
    UNLINK_ARTIFACT,
    ADD_ARTIFACT_ALIAS,
    ADD_ARTIFACT_TAG,
    REMOVE_ARTIFACT_TAG,
    ADD_COLLECTION_TAG,
    REMOVE_COLLECTION_TAG,
    RUN_STATE,
    RUN_METRIC_THRESHOLD,
    RUN_METRIC_CHANGE,
    RUN_METRIC_ZSCORE,
    /** A run logged NaN or ±Infinity for a metric (derived from {@code automation.run-metrics}). */
    RUN_METRIC_DIVERGED,
    /** A RUNNING run logged no history for the filter's {@code minutes} (derived by trigger-service's deadlines). */
    RUN_STALLED;

    /** Prefix of the CloudEvents {@code type} attribute: {@code ai.automations.<EVENT_TYPE>}. */
    public static final String CLOUD_EVENT_TYPE_PREFIX = "ai.automations.";

    public String cloudEventType() {
        return CLOUD_EVENT_TYPE_PREFIX + name();
    }

    public boolean isArtifactEvent() {
        return ordinal() <= REMOVE_COLLECTION_TAG.ordinal();
    }

    /** A tag added to or removed from a collection: the event names no version. */
    public boolean isCollectionTagEvent() {
        return this == ADD_COLLECTION_TAG || this == REMOVE_COLLECTION_TAG;
    }

    public boolean isRunEvent() {
        return !isArtifactEvent();
    }

    public boolean isRunMetricEvent() {
        return this == RUN_METRIC_THRESHOLD || this == RUN_METRIC_CHANGE || this == RUN_METRIC_ZSCORE
                || this == RUN_METRIC_DIVERGED;
    }

    /** Events trigger-service synthesises itself: never accepted on {@code automation.events} or by ingest. */
    public boolean isDerived() {
        return isRunMetricEvent() || this == RUN_STALLED;
    }

    /** The event type named by a CloudEvents {@code type} attribute, if it is one of ours. */
    public static Optional<EventType> fromCloudEventType(String type) {
        if (type == null || !type.startsWith(CLOUD_EVENT_TYPE_PREFIX)) {
            return Optional.empty();
        }
        String name = type.substring(CLOUD_EVENT_TYPE_PREFIX.length());
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
