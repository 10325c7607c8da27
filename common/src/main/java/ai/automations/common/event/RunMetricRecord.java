package ai.automations.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One logged value of one metric at one step of a run: the value of {@code automation.run-metrics}, keyed by run id.
 * {@code tags} are the run's tags when the value was logged (what a metric rule's {@code where} reads); null when none.
 */
public record RunMetricRecord(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        String metric,
        long step,
        double value,
        Instant timestamp,
        List<String> tags,
        Map<String, Object> config) {

    /** The record without the run's config. */
    public RunMetricRecord(String entity, String project, String runId, String runName, String user, String metric,
            long step, double value, Instant timestamp, List<String> tags) {
        this(entity, project, runId, runName, user, metric, step, value, timestamp, tags, null);
    }

    /** The record without the run's tags. */
    public RunMetricRecord(String entity, String project, String runId, String runName, String user, String metric,
            long step, double value, Instant timestamp) {
        this(entity, project, runId, runName, user, metric, step, value, timestamp, null, null);
    }
}
