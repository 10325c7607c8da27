package ai.automations.trigger.stall;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.point;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.runStateEvent;
import static ai.automations.trigger.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStateEventData;
import ai.automations.common.template.TemplateVariables;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.AdjustableClock;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;
import ai.automations.trigger.support.Pipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * RUN_STALLED over the real topics and database, with the adjustable clock: a RUNNING run that logs nothing for the
 * automation's minutes fires once, history re-arms it, an ended run never stalls, and the run filters apply.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class RunStalledTest {

    @Inject
    AutomationCatalog catalog;

    @Inject
    Pool pool;

    @Inject
    AdjustableClock clock;

    @Inject
    MeterRegistry registry;

    private final String entity = unique("ent");
    private final String project = unique("proj");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void log(String run, String runName, long step) {
        Pipeline.kafka().publishMetrics(List.of(point(entity, project, run, runName, "alice", "loss", step, 0.5)));
        Pipeline.awaitMetricsCheckpointed(pool);
    }

    private static List<ActionRequest> actions(AutomationDefinition automation) {
        return Pipeline.kafka().actionsFor(automation.id());
    }

    /** Waits until the sweeper has completed {@code n} more checks than now (each reads every due deadline). */
    private void awaitChecks(int n) {
        double start = checks();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> checks() >= start + n);
    }

    private double checks() {
        return registry.counter("trigger.stall.checks").count();
    }

    private long armed(AutomationDefinition automation, String run) {
        return pool.preparedQuery("SELECT count(*) FROM run_stall WHERE automation_id = $1 AND run_id = $2 "
                + "AND fired_at IS NULL").execute(Tuple.of(automation.id(), run)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    @Test
    void aStallFiresOnceAndHistoryReArmsIt() {
        AutomationDefinition stalled = automation(entity, projectScope(project), EventType.RUN_STALLED,
                EventFilter.stalled(1, null, null), true);
        Pipeline.define(catalog, stalled);
        String run = unique("run");
        log(run, "train-1", 1);
        assertThat(armed(stalled, run)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(50));
        awaitChecks(3);
        assertThat(actions(stalled)).as("50 s without history is not a 1-minute stall").isEmpty();

        clock.advance(Duration.ofSeconds(11));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> actions(stalled).size() == 1);
        ActionRequest first = actions(stalled).get(0);
        assertThat(first.event().type()).isEqualTo("ai.automations.RUN_STALLED");
        assertThat(first.event().data().get("runId").asText()).isEqualTo(run);
        assertThat(first.event().subject()).as("the run's path, as on RUN_STATE").isEqualTo(entity + "/" + project + "/" + run);
        assertThat(first.event().data().get("runName").asText()).isEqualTo("train-1");
        assertThat(first.event().data().get("minutes").asInt()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(30));
        awaitChecks(3);
        assertThat(actions(stalled)).as("once per stall, however long it lasts").hasSize(1);

        log(run, "train-1", 2);
        assertThat(armed(stalled, run)).as("history re-arms the deadline").isEqualTo(1);
        awaitChecks(3);
        assertThat(actions(stalled)).as("the new deadline is a minute after the history").hasSize(1);
        clock.advance(Duration.ofSeconds(61));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> actions(stalled).size() == 2);
        assertThat(actions(stalled).get(1).event().id()).as("a second stall is another event")
                .isNotEqualTo(first.event().id());
    }

    @Test
    void endedRunsNeverStallAndRunFiltersApply() {
        AutomationDefinition trainOnly = automation(entity, entityScope(), EventType.RUN_STALLED,
                EventFilter.stalled(2, "^train-", null), true);
        Pipeline.define(catalog, trainOnly);
        String finished = unique("run");
        String killed = unique("run");
        String eval = unique("run");
        String running = unique("run");
        log(finished, "train-a", 1);
        log(killed, "train-b", 1);
        log(eval, "eval-c", 1);
        log(running, "train-d", 1);
        Pipeline.kafka().publishEvent(finished, runStateEvent(entity, project, finished, "train-a", "alice",
                RunState.FINISHED));
        Pipeline.kafka().publishEvent(killed, runStateEvent(entity, project, killed, "train-b", "alice",
                RunState.KILLED));
        Pipeline.awaitEventsEvaluated();
        assertThat(armed(trainOnly, finished)).isZero();
        assertThat(armed(trainOnly, eval)).as("runNameRegex").isZero();
        log(finished, "train-a", 2);
        assertThat(armed(trainOnly, finished)).as("history after the end arms nothing").isZero();

        clock.advance(Duration.ofMinutes(3));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !actions(trainOnly).isEmpty());
        awaitChecks(3);
        assertThat(actions(trainOnly)).extracting(r -> r.event().data().get("runId").asText())
                .containsExactly(running);
    }

    private void state(String run, String runName, RunState state) {
        Pipeline.kafka().publishEvent(run, runStateEvent(entity, project, run, runName, "alice", state));
    }

    /**
     * A run is watched from when it is RUNNING (created or resumed), not from its first history: one that never logs
     * stalls after {@code minutes}, history re-arms, an end drops it, the run filters are checked at arming, and a
     * resumed run stalls anew (another event).
     */
    @Test
    void aRunIsWatchedFromWhenItIsRunning() {
        AutomationDefinition stalled = automation(entity, projectScope(project), EventType.RUN_STALLED,
                EventFilter.stalled(1, "^train-", null), true);
        Pipeline.define(catalog, stalled);
        String silent = unique("run");
        String eval = unique("run");
        String ended = unique("run");
        String logs = unique("run");
        state(silent, "train-s", RunState.RUNNING);
        state(eval, "eval-e", RunState.RUNNING);
        state(ended, "train-x", RunState.RUNNING);
        state(logs, "train-l", RunState.RUNNING);
        state(ended, "train-x", RunState.FINISHED);
        Pipeline.awaitEventsEvaluated();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> armed(stalled, silent) == 1);
        assertThat(armed(stalled, logs)).as("armed by RUNNING, before any history").isEqualTo(1);
        assertThat(armed(stalled, eval)).as("runNameRegex is checked when RUNNING arms").isZero();
        assertThat(armed(stalled, ended)).as("RUNNING then FINISHED in one batch: ended").isZero();

        clock.advance(Duration.ofSeconds(40));
        log(logs, "train-l", 1);
        clock.advance(Duration.ofSeconds(21));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> actions(stalled).size() == 1);
        awaitChecks(3);
        ActionRequest first = actions(stalled).get(0);
        assertThat(actions(stalled)).as("only the run that logged nothing since it started").hasSize(1);
        assertThat(first.event().data().get("runId").asText()).isEqualTo(silent);

        clock.advance(Duration.ofSeconds(40));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> actions(stalled).size() == 2);
        assertThat(actions(stalled).get(1).event().data().get("runId").asText())
                .as("history re-armed the run a minute after it").isEqualTo(logs);

        state(silent, "train-s", RunState.KILLED);
        state(silent, "train-s", RunState.RUNNING);
        Pipeline.awaitEventsEvaluated();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> armed(stalled, silent) == 1);
        clock.advance(Duration.ofSeconds(61));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> actions(stalled).size() == 3);
        ActionRequest again = actions(stalled).get(2);
        assertThat(again.event().data().get("runId").asText()).isEqualTo(silent);
        assertThat(again.event().id()).as("a resumed run's stall is another event").isNotEqualTo(first.event().id());
        awaitChecks(3);
        assertThat(actions(stalled)).hasSize(3);
    }

    private void running(String run, String runName, Map<String, Object> config) {
        Pipeline.kafka().publishEvent(run, Fixtures.event(EventType.RUN_STATE, new RunStateEventData(entity, project,
                run, runName, "alice", "RUNNING", "alice", "RUNNING", List.of("prod"), config)));
    }

    /**
     * Runs already RUNNING when a RUN_STALLED automation is created are watched from its creation (not from when they
     * started, nor only from their next history); ended runs are not, and {@code where} reads the config the run
     * became RUNNING with, which the event carries for {@code ${run_config.KEY}}.
     */
    @Test
    void runsAlreadyRunningWhenTheAutomationIsCreatedAreWatchedFromItsCreation() throws Exception {
        String adam = unique("run");
        String sgd = unique("run");
        String ended = unique("run");
        running(adam, "train-a", Map.of("optimizer", Map.of("name", "adam"), "lr", 0.01));
        running(sgd, "train-s", Map.of("optimizer", Map.of("name", "sgd")));
        running(ended, "train-e", Map.of("optimizer", Map.of("name", "adam")));
        state(ended, "train-e", RunState.FINISHED);
        Pipeline.awaitEventsEvaluated();
        clock.advance(Duration.ofMinutes(10));

        AutomationDefinition stalled = automation(entity, projectScope(project), EventType.RUN_STALLED,
                EventFilter.stalled(1, null, null).withWhere(Kafka.JSON.readTree(
                        "{\"config.optimizer.name\":\"adam\"}")), true);
        Pipeline.define(catalog, stalled);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> armed(stalled, adam) == 1);
        awaitChecks(3);
        assertThat(armed(stalled, sgd)).as("where on config.optimizer.name").isZero();
        assertThat(armed(stalled, ended)).as("a run that ended before the automation").isZero();
        assertThat(actions(stalled)).as("the minute starts when the automation is created, not when the run started")
                .isEmpty();

        clock.advance(Duration.ofSeconds(61));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> actions(stalled).size() == 1);
        ActionRequest fired = actions(stalled).get(0);
        assertThat(fired.event().data().get("runId").asText()).isEqualTo(adam);
        assertThat(fired.event().data().get("config").get("optimizer").get("name").asText()).isEqualTo("adam");
        assertThat(fired.event().data().get("tags").toString()).isEqualTo("[\"prod\"]");
        assertThat(TemplateVariables.of(stalled, fired.event()).get("run_config.lr").asDouble()).isEqualTo(0.01);
        awaitChecks(3);
        assertThat(actions(stalled)).as("once").hasSize(1);
        assertThat(pool.preparedQuery("SELECT count(*) FROM run_stall_seeded WHERE automation_id = $1")
                .execute(Tuple.of(stalled.id())).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0))
                .as("seeded once per automation version, so a restart arms nothing again").isEqualTo(1);
    }
}
