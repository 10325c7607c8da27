package ai.automations.common.event;

import java.time.OffsetDateTime;

import ai.automations.common.automation.EventFilter;

/**
 * The {@code data} of the {@code RUN_STALLED} event trigger-service synthesises when a RUNNING run has logged no
 * history for the automation's {@code minutes}: which run, when its history was last seen and the filter.
 */
public record RunStalledEventData(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        int minutes,
        OffsetDateTime lastHistoryAt,
        EventFilter filter) {
}
