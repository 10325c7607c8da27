package ai.automations.trigger.evaluation;

import static ai.automations.trigger.support.Fixtures.artifactData;
import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.projectCollection;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.registryScope;
import static ai.automations.trigger.support.Fixtures.runState;
import static ai.automations.trigger.support.Fixtures.tagRegex;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.withEnabled;
import static ai.automations.trigger.support.Fixtures.withRunFilters;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStateEventData;

/**
 * The evaluator decides the same with and without a recording trace, explains every check it made when recording,
 * and builds no line at all when not (the live path).
 */
class AutomationEvaluatorTest {

    private static final long DAY = 24 * 3600_000L;

    /** A trace that is off and fails the test if a line is handed to it anyway. */
    private static final Trace SILENT = new Trace() {
        @Override
        public boolean recording() {
            return false;
        }

        @Override
        public void add(String line) {
            throw new AssertionError("a line was built for a trace that is off: " + line);
        }
    };

    private static CompiledAutomation compiled(AutomationDefinition d) {
        return CompiledAutomation.compile(d);
    }

    /** Decides once silently and once recording; both must agree. Returns the recorded lines. */
    private static List<String> decide(Function<Trace, Boolean> check, boolean expected) {
        assertThat(check.apply(SILENT)).isEqualTo(expected);
        Trace.Recorded trace = Trace.record();
        assertThat(check.apply(trace)).isEqualTo(expected);
        return trace.lines();
    }

    @Test
    void artifactEventsCheckScopeAndTagAndReportBothEvenWhenTheFirstFails() {
        CompiledAutomation onTag = compiled(automation("acme", projectScope("p1"), EventType.ADD_ARTIFACT_TAG,
                tagRegex("^prod$"), true));
        ArtifactEventData matching = artifactData("acme", "p1", null, "c1", null, "prod");
        ArtifactEventData elsewhere = artifactData("acme", "p2", null, "c1", null, "dev");

        assertThat(decide(t -> AutomationEvaluator.artifact(onTag, matching, t), true))
                .containsExactly("scope: project scope 'p1' covers collection 'c1' of project 'p1' in entity 'acme'",
                        "filter: tag 'prod' matches ^prod$");
        assertThat(decide(t -> AutomationEvaluator.artifact(onTag, elsewhere, t), false))
                .containsExactly(
                        "scope: project scope 'p1' does not cover collection 'c1' of project 'p2' in entity 'acme'",
                        "filter: tag 'dev' does not match ^prod$");
    }

    @Test
    void createArtifactHappensOnlyInProjectCollections() {
        CompiledAutomation create = compiled(automation("acme", projectCollection("p1", "c1"),
                EventType.CREATE_ARTIFACT, null, true));
        ArtifactEventData inRegistry = artifactData("acme", null, "model", "c1", null, null);
        assertThat(decide(t -> AutomationEvaluator.artifact(create, inRegistry, t), false)).containsExactly("scope: CREATE_ARTIFACT happens only in project collections");
        decide(t -> AutomationEvaluator.artifact(create, artifactData("acme", "p1", null, "c1", null, null), t), true);
        CompiledAutomation onRegistry = compiled(automation("acme", registryScope("model"),
                EventType.ADD_ARTIFACT_ALIAS, null, true));
        ArtifactEventData laterCollection = artifactData("acme", null, "model", "c9", "prod", null);
        decide(t -> AutomationEvaluator.artifact(onRegistry, laterCollection, t), true);
        CompiledAutomation onProject = compiled(automation("acme", projectScope("p1"), EventType.CREATE_ARTIFACT, null,
                true));
        decide(t -> AutomationEvaluator.artifact(onProject, artifactData("acme", "p1", null, "any-new", null, null), t),
                true);
        CompiledAutomation onEntity = compiled(automation("acme", entityScope(), EventType.CREATE_ARTIFACT, null, true));
        decide(t -> AutomationEvaluator.artifact(onEntity, artifactData("acme", "p7", null, "c", null, null), t), true);
        assertThat(decide(t -> AutomationEvaluator.artifact(onEntity, inRegistry, t), false))
                .containsExactly("scope: CREATE_ARTIFACT happens only in project collections");
    }

    @Test
    void runStatesCountACrashAsAFailureNeverAKillAndApplyTheRunFilters() {
        CompiledAutomation failed = compiled(automation("acme", entityScope(), EventType.RUN_STATE,
                runState(List.of(RunState.FAILED), "^train-", "alice"), true));
        RunStateEventData crashed = new RunStateEventData("acme", "p1", "r1", "train-1", "alice", "CRASHED", "alice");
        RunStateEventData killed = new RunStateEventData("acme", "p1", "r1", "train-1", "alice", "KILLED", "alice");
        RunStateEventData otherUser = new RunStateEventData("acme", "p1", "r1", "train-1", "bob", "FAILED", "bob");

        assertThat(decide(t -> AutomationEvaluator.runState(failed, crashed, RunState.CRASHED, t), true))
                .contains("filter: run state CRASHED (counted as FAILED) is one of the states the automation "
                        + "waits for");
        assertThat(decide(t -> AutomationEvaluator.runState(failed, killed, RunState.KILLED, t), false))
                .contains("filter: a KILLED run never triggers an automation");
        assertThat(decide(t -> AutomationEvaluator.runState(failed, otherUser, RunState.FAILED, t), false))
                .anyMatch(line -> line.startsWith("filter: run 'train-1' of user 'bob' fails"));
        assertThat(AutomationEvaluator.runState("NOT_A_STATE")).isNull();
    }

    @Test
    void metricPointsCheckScopeRunFiltersMetricAndRule() {
        CompiledAutomation loss = compiled(automation("acme", projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                withRunFilters(threshold("loss", Aggregation.AVERAGE, 2, Comparison.LT, 0.5), null, "alice"), true));
        decide(t -> AutomationEvaluator.runMetric(loss, "acme", "p1", "r", "alice", null, t), true);
        assertThat(decide(t -> AutomationEvaluator.runMetric(loss, "acme", "p2", "r", "bob", null, t), false)).hasSize(2);
        assertThat(decide(t -> AutomationEvaluator.watches(loss, "accuracy", t), false))
                .containsExactly("filter: metric 'accuracy' is not 'loss'");

        MetricRule rule = loss.metricRule();
        Trace.Recorded notFull = Trace.record();
        assertThat(AutomationEvaluator.rule(rule, RecentValues.of(new double[] {0.1}), notFull)).isNaN();
        assertThat(notFull.lines()).singleElement().asString().startsWith("window not full: ");
        Trace.Recorded met = Trace.record();
        RecentValues full = RecentValues.of(new double[] {0.2, 0.4});
        assertThat(AutomationEvaluator.rule(rule, full, met)).isEqualTo(0.3, within());
        assertThat(met.lines()).singleElement().asString().startsWith("rule: condition met: average of the last 2");
        assertThat(AutomationEvaluator.rule(rule, full, SILENT)).isEqualTo(0.3, within());
    }

    @Test
    void theTwentyFourHourRuleHoldsUntilTheCooldownHasPassed() {
        long fired = 1_000_000;
        assertThat(decide(t -> AutomationEvaluator.coolingDown("r1", fired, fired + DAY - 1, DAY, t), true))
                .singleElement().asString().startsWith("cooldown: fired for run 'r1' at ");
        assertThat(decide(t -> AutomationEvaluator.coolingDown("r1", fired, fired + DAY, DAY, t), false))
                .containsExactly("cooldown: none for run 'r1'");
        decide(t -> AutomationEvaluator.coolingDown("r1", AutomationEvaluator.NEVER, fired, DAY, t), false);
    }

    @Test
    void aDefinitionTakesPartWhenValidAndEnabled() {
        AutomationDefinition enabled = automation("acme", entityScope(), EventType.RUN_STATE,
                runState(List.of(RunState.FINISHED), null, null), true);
        AutomationDefinition disabled = withEnabled(enabled, false);
        assertThat(decide(t -> AutomationEvaluator.active(enabled, null, t), true)).containsExactly("enabled: yes");
        assertThat(decide(t -> AutomationEvaluator.active(disabled, null, t), false))
                .containsExactly("disabled: the automation is disabled");
        assertThat(decide(t -> AutomationEvaluator.active(enabled, "scope.type is missing", t), false))
                .containsExactly("definition: not evaluated: scope.type is missing");
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }
}
