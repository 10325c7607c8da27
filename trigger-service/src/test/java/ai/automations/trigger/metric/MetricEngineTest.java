package ai.automations.trigger.metric;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.point;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.withRunFilters;
import static ai.automations.trigger.support.Fixtures.zscore;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.event.EventType;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.evaluation.CompiledAutomation;

/** Windows, rule resolution by scope and metric, run filters and the in-memory side of the 24-hour rule. */
class MetricEngineTest {

    private static final long DAY = 24 * 3600_000L;

    private final MetricEngine engine = new MetricEngine(DAY);
    private final PartitionWindows partition = new PartitionWindows(0);
    private final List<Firing> fired = new ArrayList<>();

    private static AutomationIndex index(long version, AutomationDefinition... definitions) {
        List<CompiledAutomation> compiled = new ArrayList<>();
        for (AutomationDefinition d : definitions) {
            compiled.add(CompiledAutomation.compile(d));
        }
        return AutomationIndex.of(version, compiled);
    }

    private MetricEngine.Outcome apply(AutomationIndex index, String project, String run, String metric, long step,
            double value, long now) {
        return engine.apply(partition, point("acme", project, run, "run-" + run, "alice", metric, step, value), index,
                now, fired);
    }

    @Test
    void keepsValuesOnlyForWatchedMetricsAndOnlyAsManyAsTheLargestWindow() {
        AutomationDefinition small = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 3, Comparison.LT, -1), true);
        AutomationDefinition large = automation("acme", entityScope(), EventType.RUN_METRIC_ZSCORE,
                zscore("loss", 7, 3, ChangeDirection.ANY), true);
        AutomationIndex index = index(1, small, large);
        assertThat(apply(index, "p1", "r1", "accuracy", 1, 0.5, 0)).isEqualTo(MetricEngine.Outcome.NOT_WATCHED);
        assertThat(partition.run("acme", "p1", "r1")).isNull();
        for (int step = 1; step <= 20; step++) {
            assertThat(apply(index, "p1", "r1", "loss", step, step, 0)).isEqualTo(MetricEngine.Outcome.EVALUATED);
        }
        MetricWindow window = partition.run("acme", "p1", "r1").window("loss");
        assertThat(window.capacity()).isEqualTo(8);
        assertThat(window.size()).isEqualTo(8);
        assertThat(window.recent(0)).isEqualTo(20);
        assertThat(window.recent(7)).isEqualTo(13);
        assertThat(partition.windowCount()).isEqualTo(1);
    }

    @Test
    void automationsOfOtherProjectsAndMetricsAreNotConsulted() {
        AutomationDefinition p2 = automation("acme", projectScope("p2"), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.LATEST, 1, Comparison.GT, 0), true);
        AutomationDefinition otherMetric = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                threshold("val_loss", Aggregation.LATEST, 1, Comparison.GT, 0), true);
        AutomationDefinition otherEntity = automation("globex", entityScope(), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.LATEST, 1, Comparison.GT, 0), true);
        AutomationIndex index = index(1, p2, otherMetric, otherEntity);
        assertThat(index.metricRules("acme", "p1", "loss")).isEmpty();
        assertThat(apply(index, "p1", "r1", "loss", 1, 5, 0)).isEqualTo(MetricEngine.Outcome.NOT_WATCHED);
        assertThat(apply(index, "p2", "r2", "loss", 1, 5, 0)).isEqualTo(MetricEngine.Outcome.EVALUATED);
        assertThat(fired).extracting(f -> f.automation().id()).containsExactly(p2.id());
    }

    /**
     * Run ids are unique per project only: an ENTITY-scoped rule keeps separate windows (and firings, with distinct
     * event ids) for run {@code r1} of two projects, and the checkpoint keeps them apart too.
     */
    @Test
    void theSameRunIdInTwoProjectsNeverSharesWindows() {
        AutomationDefinition low = automation("acme", entityScope(), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 2, Comparison.LT, 0.2), true);
        AutomationIndex index = index(1, low);
        apply(index, "p1", "r1", "loss", 1, 0.1, 0);
        apply(index, "p2", "r1", "loss", 1, 5, 0);
        apply(index, "p2", "r1", "loss", 2, 0.1, 0);
        assertThat(fired).as("p2's window holds 5 and 0.1, not p1's 0.1").isEmpty();
        apply(index, "p1", "r1", "loss", 2, 0.1, 0);
        assertThat(fired).extracting(Firing::project).containsExactly("p1");
        apply(index, "p2", "r1", "loss", 3, 0.1, 0);
        assertThat(fired).extracting(Firing::project).containsExactly("p1", "p2");
        assertThat(fired.get(0).eventId()).as("another run, another event").isNotEqualTo(fired.get(1).eventId());
        assertThat(partition.run("acme", "p1", "r1").window("loss").chronological(0, 2)).containsExactly(0.1, 0.1);
        assertThat(partition.run("acme", "p2", "r1").window("loss").chronological(0, 2)).containsExactly(0.1, 0.1);
        assertThat(partition.run("acme", "p2", "r1").window("loss").lastStep()).isEqualTo(3);

        PartitionWindows copy = new PartitionWindows(0);
        WindowCodec.decodeGroup(copy, WindowCodec.encodeGroup(List.of(partition.run("acme", "p1", "r1"),
                partition.run("acme", "p2", "r1")), 0), 5);
        assertThat(copy.run("acme", "p1", "r1").window("loss").lastStep()).isEqualTo(2);
        assertThat(copy.run("acme", "p2", "r1").window("loss").lastStep()).isEqualTo(3);
    }

    @Test
    void firesOnceAndThenHoldsBackForTwentyFourHours() {
        AutomationDefinition low = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 2, Comparison.LT, 0.2), true);
        AutomationIndex index = index(1, low);
        apply(index, "p1", "r1", "loss", 1, 0.1, 0);
        assertThat(fired).isEmpty();
        apply(index, "p1", "r1", "loss", 2, 0.1, 1000);
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).step()).isEqualTo(2);
        assertThat(fired.get(0).values()).containsExactly(0.1, 0.1);
        apply(index, "p1", "r1", "loss", 3, 0.1, 1000 + DAY - 1);
        assertThat(fired).hasSize(1);
        apply(index, "p1", "r1", "loss", 4, 0.1, 1000 + DAY);
        assertThat(fired).hasSize(2);
        apply(index, "p1", "r2", "loss", 1, 0.1, 5000);
        apply(index, "p1", "r2", "loss", 2, 0.1, 5000);
        assertThat(fired).hasSize(3).last().extracting(Firing::runId).isEqualTo("r2");
        assertThat(fired.get(0).eventId()).isEqualTo(Firing.eventId(low.id(), "acme", "p1", "r1", "loss", 2));
    }

    @Test
    void repeatedOrOlderStepsAreIgnored() {
        AutomationDefinition d = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 2, Comparison.GT, 100), true);
        AutomationIndex index = index(1, d);
        apply(index, "p1", "r1", "loss", 5, 1, 0);
        assertThat(apply(index, "p1", "r1", "loss", 5, 1000, 0)).isEqualTo(MetricEngine.Outcome.STEP_NOT_INCREASING);
        assertThat(apply(index, "p1", "r1", "loss", 4, 1000, 0)).isEqualTo(MetricEngine.Outcome.STEP_NOT_INCREASING);
        assertThat(partition.run("acme", "p1", "r1").window("loss").size()).isEqualTo(1);
        assertThat(fired).isEmpty();
    }

    @Test
    void runFiltersSelectRunsByNameAndUserAndFollowRenames() {
        AutomationDefinition d = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                withRunFilters(threshold("loss", Aggregation.LATEST, 1, Comparison.GT, 0), "^train-", "bob"), true);
        AutomationIndex index = index(1, d);
        engine.apply(partition, point("acme", "p1", "r1", "train-1", "alice", "loss", 1, 1), index, 0, fired);
        engine.apply(partition, point("acme", "p1", "r2", "eval-1", "bob", "loss", 1, 1), index, 0, fired);
        assertThat(fired).isEmpty();
        engine.apply(partition, point("acme", "p1", "r3", "train-2", "bob", "loss", 1, 1), index, 0, fired);
        assertThat(fired).extracting(Firing::runId).containsExactly("r3");
        engine.apply(partition, point("acme", "p1", "r2", "train-renamed", "bob", "loss", 2, 1), index, 0, fired);
        assertThat(fired).extracting(Firing::runId).containsExactly("r3", "r2");
    }

    @Test
    void definitionChangesApplyOnTheNextPointAndGrowTheWindow() {
        AutomationDefinition d = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.LATEST, 1, Comparison.GT, 100), true);
        AutomationIndex v1 = index(1, d);
        apply(v1, "p1", "r1", "loss", 1, 1, 0);
        assertThat(partition.run("acme", "p1", "r1").window("loss").capacity()).isEqualTo(1);
        AutomationDefinition wider = automation("acme", entityScope(), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 3, Comparison.GT, 1.5), true);
        AutomationIndex v2 = index(2, d, wider);
        apply(v2, "p1", "r1", "loss", 2, 2, 0);
        apply(v2, "p1", "r1", "loss", 3, 3, 0);
        assertThat(partition.run("acme", "p1", "r1").window("loss").capacity()).isEqualTo(3);
        assertThat(fired).extracting(f -> f.automation().id()).containsExactly(wider.id());
        AutomationIndex v3 = index(3);
        assertThat(apply(v3, "p1", "r1", "loss", 4, 3, 0)).isEqualTo(MetricEngine.Outcome.NOT_WATCHED);
        assertThat(partition.run("acme", "p1", "r1")).isNull();
        assertThat(partition.windowCount()).isZero();
    }

    @Test
    void idleAndExcessRunsAreEvictedAndRecordedForTheCheckpoint() {
        AutomationDefinition d = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.LATEST, 1, Comparison.GT, 100), true);
        AutomationIndex index = index(1, d);
        for (int run = 0; run < 10; run++) {
            apply(index, "p1", "r" + run, "loss", 1, 1, run * 1000L);
        }
        assertThat(engine.evictIdle(partition, 3000)).isEqualTo(3);
        assertThat(engine.evictOldest(partition, 5)).isEqualTo(2);
        assertThat(partition.windowCount()).isEqualTo(5);
        assertThat(partition.run("acme", "p1", "r4")).isNull();
        assertThat(partition.run("acme", "p1", "r5")).isNotNull();
        assertThat(partition.takeDirty()).as("the groups of the evicted runs are rewritten at the next checkpoint")
                .contains(PartitionWindows.bucketOf("r0"), PartitionWindows.bucketOf("r4"));
    }

    @Test
    void windowsSurviveTheirCheckpointForm() {
        AutomationDefinition d = automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 4, Comparison.LT, 0.5), true);
        AutomationIndex index = index(1, d);
        for (int step = 1; step <= 6; step++) {
            apply(index, "p1", "r1", "loss", step * 10, step * 0.05, 1000);
        }
        MetricWindow window = partition.run("acme", "p1", "r1").window("loss");
        byte[] state = WindowCodec.encode(window, 0);
        MetricWindow restored = WindowCodec.decode(partition.run("acme", "p1", "r1"), "loss", state);
        assertThat(restored.chronological(0, restored.size())).containsExactly(window.chronological(0, window.size()));
        assertThat(restored.capacity()).isEqualTo(4);
        assertThat(restored.lastStep()).isEqualTo(60);
        assertThat(restored.firedAt(d.id())).isEqualTo(1000L);
        assertThat(WindowCodec.decode(partition.run("acme", "p1", "r1"), "loss", WindowCodec.encode(window, 1000)).firedAt(d.id()))
                .as("firings older than the quiet time are not kept").isNull();
        PartitionWindows copy = new PartitionWindows(0);
        assertThat(WindowCodec.decodeGroup(copy, WindowCodec.encodeGroup(java.util.List.of(partition.run("acme", "p1", "r1")), 0), 5))
                .isEqualTo(1);
        assertThat(copy.run("acme", "p1", "r1").runName()).isEqualTo("run-r1");
        assertThat(copy.run("acme", "p1", "r1").window("loss").chronological(0, 4)).containsExactly(window.chronological(0, 4));
    }
}
