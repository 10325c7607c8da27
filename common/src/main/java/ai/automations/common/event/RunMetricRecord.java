package ai.automations.common.event;

import java.time.Instant;

/** One logged value of one metric at one step of a run: the value of {@code automation.run-metrics}, keyed by run id. */
public record RunMetricRecord(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        String metric,
        long step,
        double value,
        Instant timestamp) {
}
