package ai.automations.trigger.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.support.Fixtures;

/**
 * The benchmark's world: 1,000 run-metric automations across 100 projects (10 each: threshold with every aggregation,
 * change and z-score over five metrics), 10,000 active runs (100 per project) each logging those five metrics and one
 * nobody watches. Values hover so that rules evaluate fully but rarely fire.
 */
final class BenchFleet {

    static final String ENTITY = "bench";
    static final int PROJECTS = 100;
    static final int RUNS = 10_000;
    static final String[] METRICS = { "loss", "accuracy", "val_loss", "system/cpu", "gpu_temp", "lr" };
    static final int WATCHED = 5;

    final List<AutomationDefinition> automations = new ArrayList<>();
    final String[] runIds = new String[RUNS];
    final String[] runProjects = new String[RUNS];

    /**
     * The {@code where} expression every rule of the with-where variant carries: it accepts every run of the fleet, so
     * the rules evaluate exactly as without it (the variant measures the cost of the filter, not fewer rules).
     */
    static final String WHERE = "{\"$and\":[{\"user\":{\"$in\":[\"bench\",\"ci\"]}},"
            + "{\"runName\":{\"$regex\":\"^run-[0-9]+-\"}},{\"$not\":{\"tags\":{\"$contains\":\"skip-alerts\"}}},"
            + "{\"user\":{\"$ne\":\"nobody\"}}]}";

    BenchFleet() {
        this(false);
    }

    /** The fleet; with {@code where}, every rule also carries {@link #WHERE}. */
    BenchFleet(boolean where) {
        JsonNode expression;
        try {
            expression = where ? new ObjectMapper().readTree(WHERE) : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (int p = 0; p < PROJECTS; p++) {
            String project = "project-" + p;
            List<EventFilter> filters = List.of(
                    Fixtures.threshold("loss", Aggregation.AVERAGE, 5, Comparison.LT, -1),
                    Fixtures.threshold("loss", Aggregation.MIN, 10, Comparison.GT, 1000),
                    Fixtures.threshold("accuracy", Aggregation.MAX, 5, Comparison.GTE, 2),
                    Fixtures.change("accuracy", Aggregation.AVERAGE, 10, 50, ChangeType.RELATIVE, ChangeDirection.DECREASE, 0.5),
                    Fixtures.threshold("val_loss", Aggregation.LATEST, 5, Comparison.GT, 1000),
                    Fixtures.change("val_loss", Aggregation.MIN, 5, 20, ChangeType.ABSOLUTE, ChangeDirection.INCREASE, 100),
                    Fixtures.zscore("system/cpu", 30, 50, ChangeDirection.ANY),
                    Fixtures.threshold("system/cpu", Aggregation.AVERAGE, 20, Comparison.GT, 1000),
                    Fixtures.zscore("gpu_temp", 30, 50, ChangeDirection.INCREASE),
                    Fixtures.threshold("gpu_temp", Aggregation.MAX, 10, Comparison.GT, 1000));
            for (int i = 0; i < filters.size(); i++) {
                EventFilter f = filters.get(i).withWhere(expression);
                EventType type = f.changeType() != null ? EventType.RUN_METRIC_CHANGE
                        : f.cmp() == null ? EventType.RUN_METRIC_ZSCORE : EventType.RUN_METRIC_THRESHOLD;
                automations.add(Fixtures.automation(new UUID(p, i).toString(), ENTITY, Fixtures.projectScope(project),
                        type, f, true, new ai.automations.common.automation.ActionSpec(
                                ai.automations.common.automation.ActionSpec.ActionType.NO_OP, null, null, null, null, null)));
            }
        }
        for (int r = 0; r < RUNS; r++) {
            runIds[r] = "run-" + r + "-" + UUID.nameUUIDFromBytes(("run" + r).getBytes()).toString().substring(0, 8);
            runProjects[r] = "project-" + (r % PROJECTS);
        }
    }

    /**
     * Automations the fleet's points must not pay for: {@code perProject} more per project on metrics the runs do not
     * log, and the same mix as the fleet's in {@code otherProjects} projects without runs.
     */
    List<AutomationDefinition> unrelated(int otherProjects, int perProject) {
        List<AutomationDefinition> out = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            for (int i = 0; i < perProject; i++) {
                out.add(Fixtures.automation(new UUID(1_000_000L + p, i).toString(), ENTITY, Fixtures.projectScope("project-" + p),
                        EventType.RUN_METRIC_THRESHOLD, Fixtures.threshold("other-metric-" + i, Aggregation.AVERAGE, 5,
                                Comparison.GT, 0), true, noOp()));
            }
        }
        for (int p = 0; p < otherProjects; p++) {
            for (int i = 0; i < 10; i++) {
                out.add(Fixtures.automation(new UUID(2_000_000L + p, i).toString(), ENTITY, Fixtures.projectScope("elsewhere-" + p),
                        EventType.RUN_METRIC_THRESHOLD, Fixtures.threshold(METRICS[i % WATCHED], Aggregation.AVERAGE, 5,
                                Comparison.GT, 0), true, noOp()));
            }
        }
        return out;
    }

    private static ai.automations.common.automation.ActionSpec noOp() {
        return new ai.automations.common.automation.ActionSpec(ai.automations.common.automation.ActionSpec.ActionType.NO_OP,
                null, null, null, null, null);
    }

    /** Every run's points of steps {@code [fromStep, fromStep + steps)}, step by step. */
    List<RunMetricRecord> points(long fromStep, int steps, boolean allMetrics) {
        List<RunMetricRecord> out = new ArrayList<>(steps * RUNS * METRICS.length);
        Instant now = Instant.now();
        for (long step = fromStep; step < fromStep + steps; step++) {
            for (int r = 0; r < RUNS; r++) {
                int metrics = allMetrics ? METRICS.length : WATCHED;
                for (int m = 0; m < metrics; m++) {
                    double value = 0.5 + 0.1 * Math.sin(step * 0.37 + r * 1.3 + m);
                    out.add(new RunMetricRecord(ENTITY, runProjects[r], runIds[r], runIds[r], "bench", METRICS[m],
                            step, value, now));
                }
            }
        }
        return out;
    }
}
