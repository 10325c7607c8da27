package ai.automations.trigger.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.metric.Firing;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;

/**
 * A training fleet whose firings are known in advance: per run, {@code loss} rises by 1 per step and its average
 * over 5 steps reaches 100 at one chosen step (a threshold that then stays true, so only the 24-hour rule keeps it
 * from firing again), and {@code gpu} is noise with one spike at another chosen step (a z-score). A window restored
 * wrongly after a crash moves the step at which these fire, so the expected request ids detect it.
 */
final class MetricStream {

    static final int STEPS = 240;

    final String entity = Fixtures.unique("fleet");
    final String project = "train";
    final AutomationDefinition threshold = Fixtures.automation(entity, Fixtures.projectScope(project),
            EventType.RUN_METRIC_THRESHOLD, Fixtures.threshold("loss", Aggregation.AVERAGE, 5, Comparison.GTE, 100), true);
    final AutomationDefinition spike = Fixtures.automation(entity, Fixtures.entityScope(), EventType.RUN_METRIC_ZSCORE,
            Fixtures.zscore("gpu", 10, 4.0, ChangeDirection.INCREASE), true);
    private final List<String> runs = new ArrayList<>();
    private final Map<String, Integer> crossing = new HashMap<>();
    private final Map<String, Integer> spikeAt = new HashMap<>();
    private final AtomicInteger published = new AtomicInteger();

    MetricStream(int runCount, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < runCount; i++) {
            String run = "run-" + i + "-" + Fixtures.unique("r");
            runs.add(run);
            crossing.put(run, 15 + random.nextInt(STEPS - 30));
            spikeAt.put(run, 15 + random.nextInt(STEPS - 30));
        }
    }

    List<AutomationDefinition> automations() {
        return List.of(threshold, spike);
    }

    /** The request ids that must be emitted, each exactly once. */
    Set<String> expectedRequestIds() {
        Set<String> ids = new HashSet<>();
        for (String run : runs) {
            ids.add(ActionRequest.idFor(threshold.id(), Firing.eventId(threshold.id(), entity, project, run, "loss", crossing.get(run) + 2)));
            ids.add(ActionRequest.idFor(spike.id(), Firing.eventId(spike.id(), entity, project, run, "gpu", spikeAt.get(run))));
        }
        return ids;
    }

    /** The points of one step of every run. */
    List<RunMetricRecord> step(int step) {
        List<RunMetricRecord> points = new ArrayList<>();
        for (String run : runs) {
            double loss = 100 + (step - crossing.get(run));
            double noise = ((run.hashCode() * 31L + step * 17L) & 0xff) / 256.0;
            double gpu = step == spikeAt.get(run) ? 60 + noise : 50 + noise;
            points.add(new RunMetricRecord(entity, project, run, run, "alice", "loss", step, loss, Instant.now()));
            points.add(new RunMetricRecord(entity, project, run, run, "alice", "gpu", step, gpu, Instant.now()));
        }
        return points;
    }

    /** Publishes steps {@code from..to} (inclusive), pausing between steps to make a stream rather than a burst. */
    void publish(Kafka kafka, int from, int to, long pauseMillis) {
        for (int step = from; step <= to; step++) {
            List<RunMetricRecord> points = step(step);
            kafka.publishMetrics(points);
            published.addAndGet(points.size());
            if (pauseMillis > 0) {
                TriggerProcess.sleep(pauseMillis);
            }
        }
    }

    /** What the run's firings are and how many times each request id is on the topic. */
    static Map<String, Integer> counts(List<ActionRequest> actions, Set<String> automationIds) {
        Map<String, Integer> counts = new HashMap<>();
        for (ActionRequest action : actions) {
            if (automationIds.contains(action.automation().id())) {
                counts.merge(action.id(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
