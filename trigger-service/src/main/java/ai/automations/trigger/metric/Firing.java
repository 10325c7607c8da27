package ai.automations.trigger.metric;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import ai.automations.trigger.evaluation.CompiledAutomation;

/**
 * A run-metric automation whose condition held at one step of one run and that is not in its 24-hour quiet time
 * (as far as this instance knows; the persisted ledger has the last word). Its event id is a function of automation,
 * run, metric and step only, so evaluating the same point again after a crash gives the same id.
 */
public record Firing(CompiledAutomation automation, MetricWindow window, String runId, String entity, String project,
        String runName, String user, String metric, long step, double value, double[] values, Instant timestamp) {

    public String eventId() {
        return eventId(automation.id(), runId, metric, step);
    }

    public static String eventId(String automationId, String runId, String metric, long step) {
        String key = "run-metric\n" + automationId + "\n" + runId + "\n" + metric + "\n" + step;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
