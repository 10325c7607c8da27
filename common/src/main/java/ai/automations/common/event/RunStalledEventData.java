package ai.automations.common.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import ai.automations.common.automation.EventFilter;

/**
 * The {@code data} of the {@code RUN_STALLED} event trigger-service synthesises when a RUNNING run has logged no
 * history for the automation's {@code minutes}: which run, when its history was last seen and the filter. {@code tags}
 * and {@code config} are the run's as trigger-service last saw them (its RUN_STATE {@code RUNNING} or its latest history
 * record; null when none), for {@code ${run_tags}} and {@code ${run_config.KEY}}.
 */
public record RunStalledEventData(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        int minutes,
        OffsetDateTime lastHistoryAt,
        EventFilter filter,
        List<String> tags,
        Map<String, Object> config) {

    /** The event data without the run's tags and config. */
    public RunStalledEventData(String entity, String project, String runId, String runName, String user, int minutes,
            OffsetDateTime lastHistoryAt, EventFilter filter) {
        this(entity, project, runId, runName, user, minutes, lastHistoryAt, filter, null, null);
    }
}
