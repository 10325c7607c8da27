package ai.automations.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The points of one history call (or of one part of a large call) of one run: the value of
 * {@code automation.run-metrics}, keyed by run id. One record per call instead of one per (metric, step) is what lets
 * the history reach hundreds of thousands of points per second; a consumer reads its steps in order, and the metrics
 * of a step in the order written, exactly as if each value had been a {@link RunMetricRecord} of its own.
 * {@code tags} are the run's tags when the points were logged (null when none); {@code config} is the run's config
 * object as stored (null when empty), which metric and stall rules' {@code where} ({@code config.<path>}) and
 * {@code ${run_config.KEY}} read. Values may be NaN or ±Infinity,
 * written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
public record RunMetricBatch(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        List<String> tags,
        List<Step> steps,
        Map<String, Object> config) {

    /** The batch without the run's config. */
    public RunMetricBatch(String entity, String project, String runId, String runName, String user, List<String> tags,
            List<Step> steps) {
        this(entity, project, runId, runName, user, tags, steps, null);
    }

    /** One logged step: its number, when it was logged and its metric values in the order given. */
    public record Step(long step, Instant timestamp, Map<String, Double> metrics) {
    }
}
