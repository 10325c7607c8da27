package ai.automations.common.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.event.EventType;

/**
 * The contract's defaults of an automation, in one place: registry-service fills them in before it stores and
 * publishes a definition, so trigger-service and action-service read definitions as stored. A field without a
 * default (the metric, a comparison, {@code changeDir} of a change rule, ...) stays {@code null} here; whoever
 * validates decides that it is required.
 */
public final class AutomationDefaults {

    /** An automation is enabled unless it says otherwise. */
    public static final boolean ENABLED = true;
    /** {@code agg} of threshold and change rules; an explicit {@code null} means {@link Aggregation#LATEST}. */
    public static final Aggregation AGG = Aggregation.AVERAGE;
    /** {@code window} of a threshold rule. */
    public static final int THRESHOLD_WINDOW = 5;
    /** {@code currentWindow} of a change rule. */
    public static final int CURRENT_WINDOW = 10;
    /** {@code priorWindow} of a change rule. */
    public static final int PRIOR_WINDOW = 50;
    /** {@code changeType} of a change rule. */
    public static final ChangeType CHANGE_TYPE = ChangeType.RELATIVE;
    /** {@code window} of a z-score rule. */
    public static final int ZSCORE_WINDOW = 30;
    /** {@code threshold} of a z-score rule. */
    public static final double ZSCORE_THRESHOLD = 3.0;
    /** {@code changeDir} of a z-score rule. */
    public static final ChangeDirection ZSCORE_DIRECTION = ChangeDirection.ANY;
    /** {@code metric} of RUN_METRIC_DIVERGED: every metric of the run. */
    public static final String ANY_METRIC = "*";

    private AutomationDefaults() {
    }

    /** {@code enabled} as given, or the default. */
    public static boolean enabled(Boolean enabled) {
        return enabled == null ? ENABLED : enabled;
    }

    /** A webhook action's payload as given, or the empty object. */
    public static JsonNode payload(JsonNode payload) {
        return payload == null || payload.isNull() ? JsonNodeFactory.instance.objectNode() : payload;
    }

    /** The filter with every absent field that has a default for {@code type} filled in; the others as they are. */
    public static EventFilter filter(EventType type, EventFilter filter) {
        EventFilter f = filter == null ? EventFilter.empty() : filter;
        return switch (type) {
            case RUN_METRIC_THRESHOLD -> new EventFilter(f.aliasRegex(), f.tagRegex(), f.metric(), or(f.agg(), AGG),
                    or(f.window(), THRESHOLD_WINDOW), f.cmp(), f.threshold(), f.currentWindow(), f.priorWindow(),
                    f.changeType(), f.changeDir(), f.amount(), f.states(), f.runNameRegex(), f.user(), f.where(), f.minutes());
            case RUN_METRIC_CHANGE -> new EventFilter(f.aliasRegex(), f.tagRegex(), f.metric(), or(f.agg(), AGG),
                    f.window(), f.cmp(), f.threshold(), or(f.currentWindow(), CURRENT_WINDOW),
                    or(f.priorWindow(), PRIOR_WINDOW), or(f.changeType(), CHANGE_TYPE), f.changeDir(), f.amount(),
                    f.states(), f.runNameRegex(), f.user(), f.where(), f.minutes());
            case RUN_METRIC_ZSCORE -> new EventFilter(f.aliasRegex(), f.tagRegex(), f.metric(), f.agg(),
                    or(f.window(), ZSCORE_WINDOW), f.cmp(), or(f.threshold(), ZSCORE_THRESHOLD), f.currentWindow(),
                    f.priorWindow(), f.changeType(), or(f.changeDir(), ZSCORE_DIRECTION), f.amount(), f.states(),
                    f.runNameRegex(), f.user(), f.where(), f.minutes());
            case RUN_METRIC_DIVERGED -> new EventFilter(f.aliasRegex(), f.tagRegex(), or(f.metric(), ANY_METRIC),
                    f.agg(), f.window(), f.cmp(), f.threshold(), f.currentWindow(), f.priorWindow(), f.changeType(),
                    f.changeDir(), f.amount(), f.states(), f.runNameRegex(), f.user(), f.where(), f.minutes());
            default -> f;
        };
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
