package ai.automations.trigger.metric;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.change;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.point;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.unique;
import static ai.automations.trigger.support.Fixtures.withRunFilters;
import static ai.automations.trigger.support.Fixtures.zscore;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.AdjustableClock;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Run-metric automations end to end over the real topics and database: each rule fires at the exact step its windows
 * are full and its condition holds, once per run in any 24 hours (checked against the persisted ledger), with the
 * synthesised event and deterministic ids downstream deduplication relies on.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class RunMetricRulesTest {

    @Inject
    AutomationCatalog catalog;

    @Inject
    Pool pool;

    @Inject
    AdjustableClock clock;

    private final String entity = unique("ent");
    private final String project = unique("proj");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void send(String run, String metric, double... values) {
        send(run, "run-" + run, "alice", metric, 1, values);
    }

    private void send(String run, String runName, String user, String metric, long firstStep, double... values) {
        List<RunMetricRecord> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(point(entity, project, run, runName, user, metric, firstStep + i, values[i]));
        }
        Pipeline.kafka().publishMetrics(points);
        Pipeline.awaitMetricsCheckpointed(pool);
    }

    private static List<ActionRequest> actions(AutomationDefinition automation) {
        return Pipeline.kafka().actionsFor(automation.id());
    }

    @Test
    void thresholdFiresWhenItsWindowFillsAndNotBefore() {
        AutomationDefinition low = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 5, Comparison.LT, 0.2), true);
        Pipeline.define(catalog, low);
        String run = unique("run");
        send(run, "loss", 0.1, 0.1, 0.1, 0.1);
        assertThat(actions(low)).as("four values do not fill a window of five").isEmpty();
        send(run, "loss", 0, 0, 0, 0, 0.1);
        List<ActionRequest> fired = actions(low);
        assertThat(fired).hasSize(1);
        ActionRequest request = fired.get(0);
        String eventId = Firing.eventId(low.id(), entity, project, run, "loss", 5);
        assertThat(request.event().id()).isEqualTo(eventId);
        assertThat(request.id()).isEqualTo(ActionRequest.idFor(low.id(), eventId));
        assertThat(request.event().type()).isEqualTo("ai.automations.RUN_METRIC_THRESHOLD");
        assertThat(request.event().data().get("runId").asText()).isEqualTo(run);
        assertThat(request.event().subject()).as("the run's path, as on RUN_STATE").isEqualTo(entity + "/" + project + "/" + run);
        assertThat(request.event().data().get("step").asLong()).isEqualTo(5);
        assertThat(request.event().data().get("value").asDouble()).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(request.event().data().get("values")).hasSize(5);
        assertThat(request.event().data().get("filter").get("cmp").asText()).isEqualTo("<");
        assertThat(actions(low)).as("later points within 24 hours do not fire again").hasSize(1);
    }

    @Test
    void changeAndZScoreOnAnyMetricIncludingSystemMetrics() {
        AutomationDefinition drop = automation(entity, projectScope(project), EventType.RUN_METRIC_CHANGE,
                change("accuracy", Aggregation.AVERAGE, 2, 3, ChangeType.RELATIVE, ChangeDirection.DECREASE, 0.2), true);
        AutomationDefinition spike = automation(entity, entityScope(), EventType.RUN_METRIC_ZSCORE,
                zscore("system/cpu", 4, 2.0, ChangeDirection.ANY), true);
        Pipeline.define(catalog, drop);
        Pipeline.define(catalog, spike);
        String a = unique("run");
        String b = unique("run");
        String flat = unique("run");
        send(a, "accuracy", 1, 1, 1, 0.9, 0.8, 0.7);
        send(b, "system/cpu", 10, 11, 10, 11, 10.5, 30);
        send(flat, "system/cpu", 10, 10, 10, 10, 30, 10, 10, 10, 10, 10);
        assertThat(actions(drop)).singleElement().satisfies(r -> {
            // step 5: prior 1,1,1 vs current 0.9,0.8 = -15 %; step 6: prior 1,1,0.9 vs current 0.8,0.7 = -22.4 %
            assertThat(r.event().data().get("step").asLong()).isEqualTo(6);
            assertThat(r.event().data().get("value").asDouble())
                    .isEqualTo((0.75 - 2.9 / 3) / (2.9 / 3), org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(actions(spike)).as("only the spike after a varying window fires").singleElement()
                .satisfies(r -> {
                    assertThat(r.event().data().get("runId").asText()).isEqualTo(b);
                    assertThat(r.event().data().get("step").asLong()).isEqualTo(6);
                    assertThat(r.event().type()).isEqualTo("ai.automations.RUN_METRIC_ZSCORE");
                });
    }

    @Test
    void runFiltersApplyToMetricAutomations() {
        AutomationDefinition filtered = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                withRunFilters(threshold("loss", Aggregation.MAX, 2, Comparison.GTE, 5), "^train-", "bob"), true);
        Pipeline.define(catalog, filtered);
        String wrongName = unique("run");
        String wrongUser = unique("run");
        String match = unique("run");
        send(wrongName, "eval-1", "bob", "loss", 1, 5, 6);
        send(wrongUser, "train-1", "alice", "loss", 1, 5, 6);
        send(match, "train-2", "bob", "loss", 1, 5, 6);
        assertThat(actions(filtered)).extracting(r -> r.event().data().get("runId").asText()).containsExactly(match);
    }

    @Test
    void firesAtMostOncePerRunInAnyTwentyFourHoursAsRecordedInTheDatabase() {
        AutomationDefinition high = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("gpu_temp", Aggregation.LATEST, 1, Comparison.GT, 80), true);
        Pipeline.define(catalog, high);
        String run = unique("run");
        send(run, run, "alice", "gpu_temp", 1, 85);
        assertThat(actions(high)).hasSize(1);
        Instant firedAt = pool.preparedQuery("SELECT fired_at FROM run_metric_firing WHERE automation_id = $1 AND run_id = $2")
                .execute(Tuple.of(high.id(), run)).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getOffsetDateTime(0).toInstant();
        assertThat(firedAt).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));

        clock.advance(Duration.ofHours(23).plusMinutes(58));
        send(run, run, "alice", "gpu_temp", 2, 90);
        assertThat(actions(high)).as("23h58m later").hasSize(1);

        clock.advance(Duration.ofMinutes(3));
        send(run, run, "alice", "gpu_temp", 3, 91);
        assertThat(actions(high)).as("24h01m later").hasSize(2).last()
                .satisfies(r -> assertThat(r.event().data().get("step").asLong()).isEqualTo(3));
    }
}
