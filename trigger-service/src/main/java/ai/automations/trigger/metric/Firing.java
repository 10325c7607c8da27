package ai.automations.trigger.metric;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.automations.trigger.evaluation.CompiledAutomation;

/**
 * A run-metric automation whose condition held at one step of one run and that is not in its 24-hour quiet time
 * (as far as this instance knows; the persisted ledger has the last word). Its event id is a function of automation,
 * run (entity, project, run id), metric and step only, so evaluating the same point again after a crash gives the same
 * id, and two projects' runs of the same id give different ones. {@code tags} and {@code config} are the run's (null
 * when none), which the event carries for {@code ${run_tags}} and {@code ${run_config.KEY}}.
 */
public record Firing(CompiledAutomation automation, MetricWindow window, String runId, String entity, String project,
        String runName, String user, String metric, long step, double value, double[] values, Instant timestamp,
        List<String> tags, Map<String, Object> config) {

    /** The firing without the run's tags and config. */
    public Firing(CompiledAutomation automation, MetricWindow window, String runId, String entity, String project,
            String runName, String user, String metric, long step, double value, double[] values, Instant timestamp) {
        this(automation, window, runId, entity, project, runName, user, metric, step, value, values, timestamp, null,
                null);
    }

    public String eventId() {
        return eventId(automation.id(), entity, project, runId, metric, step);
    }

    /**
     * The run part of this firing's key in the 24-hour ledger: the run id, or for RUN_METRIC_DIVERGED the run id and
     * the metric ({@link #ledgerRun(String, String, boolean)}), which fires once per run <em>and metric</em>.
     */
    public String ledgerRun() {
        return ledgerRun(runId, metric, automation.metricRule() != null && automation.metricRule().diverged());
    }

    /** The ledger's run key: {@code runId}, or {@code runId + "\n" + metric} per metric. */
    public static String ledgerRun(String runId, String metric, boolean perMetric) {
        return perMetric ? runId + '\n' + metric : runId;
    }

    public static String eventId(String automationId, String entity, String project, String runId, String metric,
            long step) {
        String key = "run-metric\n" + automationId + "\n" + entity + "\n" + project + "\n" + runId + "\n" + metric
                + "\n" + step;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
