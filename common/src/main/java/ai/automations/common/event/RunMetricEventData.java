package ai.automations.common.event;

import java.util.List;
import java.util.Map;

import ai.automations.common.automation.EventFilter;

/**
 * The {@code data} of the event trigger-service synthesises when a run-metric rule fires: which run, which metric,
 * the value that decided (the aggregate, change or z-score input) and the window of values behind it. {@code tags} are
 * the run's (null when not known), which a dry-run's {@code where} reads.
 */
public record RunMetricEventData(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        String metric,
        long step,
        double value,
        List<Double> values,
        EventFilter filter,
        List<String> tags,
        Map<String, Object> config) {

    /** The event data without the run's config. */
    public RunMetricEventData(String entity, String project, String runId, String runName, String user, String metric,
            long step, double value, List<Double> values, EventFilter filter, List<String> tags) {
        this(entity, project, runId, runName, user, metric, step, value, values, filter, tags, null);
    }

    /** The event data without the run's tags. */
    public RunMetricEventData(String entity, String project, String runId, String runName, String user, String metric,
            long step, double value, List<Double> values, EventFilter filter) {
        this(entity, project, runId, runName, user, metric, step, value, values, filter, null, null);
    }
}
