package ai.automations.trigger.metric;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.point;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.unique;
import static ai.automations.trigger.support.Fixtures.withRunFilters;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.auth.Role;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.AdjustableClock;
import ai.automations.trigger.support.Kafka;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * NaN and ±Infinity through the real topic and database: RUN_METRIC_DIVERGED fires once per run and metric in any 24
 * hours (the persisted ledger, the adjustable clock), and threshold rules follow IEEE comparisons, a NaN never
 * satisfying them nor entering their windows; dry-runs say so.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class DivergedMetricTest {

    @Inject
    AutomationCatalog catalog;

    @Inject
    Pool pool;

    @Inject
    AdjustableClock clock;

    private final String entity = "acme";
    private final String project = unique("proj");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void send(String run, String metric, long firstStep, double... values) {
        List<RunMetricRecord> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(point(entity, project, run, "run-" + run, "alice", metric, firstStep + i, values[i]));
        }
        Pipeline.kafka().publishMetrics(points);
        Pipeline.awaitMetricsCheckpointed(pool);
    }

    private static List<ActionRequest> actions(AutomationDefinition automation) {
        return Pipeline.kafka().actionsFor(automation.id());
    }

    private static EventFilter diverged(String metric) {
        return new EventFilter(null, null, metric, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void divergedFiresOncePerRunAndMetricInTwentyFourHours() {
        AutomationDefinition any = automation(entity, projectScope(project), EventType.RUN_METRIC_DIVERGED,
                diverged("*"), true);
        AutomationDefinition lossOnly = automation(entity, projectScope(project), EventType.RUN_METRIC_DIVERGED,
                diverged("loss"), true);
        Pipeline.define(catalog, any);
        Pipeline.define(catalog, lossOnly);
        String run = unique("run");
        send(run, "loss", 1, 0.9, 0.8);
        assertThat(actions(any)).as("finite values never diverge").isEmpty();
        send(run, "loss", 3, Double.NaN, Double.POSITIVE_INFINITY);
        send(run, "acc", 1, 0.5, Double.NEGATIVE_INFINITY);
        assertThat(actions(any)).extracting(r -> r.event().data().get("metric").asText() + "@"
                + r.event().data().get("step").asLong() + "=" + r.event().data().get("value").asText())
                .as("once per run and metric: NaN at step 3 for loss, -Infinity for acc")
                .containsExactlyInAnyOrder("loss@3=NaN", "acc@2=-Infinity");
        assertThat(actions(lossOnly)).singleElement().satisfies(r -> {
            assertThat(r.event().type()).isEqualTo("ai.automations.RUN_METRIC_DIVERGED");
            assertThat(r.event().data().get("values").get(0).asText()).isEqualTo("NaN");
        });

        clock.advance(Duration.ofHours(23).plusMinutes(58));
        send(run, "loss", 5, Double.NaN);
        assertThat(actions(any)).as("23h58m later: still quiet").hasSize(2);
        clock.advance(Duration.ofMinutes(3));
        send(run, "loss", 6, Double.POSITIVE_INFINITY);
        assertThat(actions(any)).as("24h01m later, for loss only").hasSize(3);
        assertThat(actions(lossOnly)).hasSize(2).last()
                .satisfies(r -> assertThat(r.event().data().get("value").asText()).isEqualTo("Infinity"));
        String other = unique("run");
        send(other, "loss", 1, Double.NaN);
        assertThat(actions(any)).as("another run has its own 24 hours").hasSize(4);
    }

    @Test
    void nanNeverSatisfiesAThresholdNorPoisonsItsWindowWhileInfinityComparesAsIeeeSays() {
        AutomationDefinition notFive = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.LATEST, 1, Comparison.NE, 5), true);
        AutomationDefinition lowAverage = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("acc", Aggregation.AVERAGE, 3, Comparison.LT, 1), true);
        AutomationDefinition huge = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                withRunFilters(threshold("grad", Aggregation.LATEST, 1, Comparison.GT, 1e300), null, null), true);
        Pipeline.define(catalog, notFive);
        Pipeline.define(catalog, lowAverage);
        Pipeline.define(catalog, huge);
        String run = unique("run");
        send(run, "loss", 1, Double.NaN, Double.NaN);
        assertThat(actions(notFive)).as("NaN != 5 is never taken as true").isEmpty();
        send(run, "acc", 1, 0.5, Double.NaN, 0.5);
        assertThat(actions(lowAverage)).as("two values and a skipped NaN do not fill a window of three").isEmpty();
        send(run, "acc", 4, 0.5);
        assertThat(actions(lowAverage)).as("the NaN did not poison the average").singleElement()
                .satisfies(r -> {
                    assertThat(r.event().data().get("step").asLong()).isEqualTo(4);
                    assertThat(r.event().data().get("values")).hasSize(3);
                    assertThat(r.event().data().get("value").asDouble()).isEqualTo(0.5);
                });
        send(run, "grad", 1, 1.0, Double.POSITIVE_INFINITY);
        assertThat(actions(huge)).as("Infinity > 1e300").singleElement()
                .satisfies(r -> assertThat(r.event().data().get("value").asText()).isEqualTo("Infinity"));
        send(run, "loss", 3, 4);
        assertThat(actions(notFive)).as("a number after the NaNs is compared as usual").hasSize(1);
    }

    @Test
    void dryRunSaysWhatNaNDoes() {
        AutomationDefinition low = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 2, Comparison.LT, 1), true);
        AutomationDefinition any = automation(entity, projectScope(project), EventType.RUN_METRIC_DIVERGED,
                diverged("*"), true);
        Pipeline.define(catalog, low);
        Pipeline.define(catalog, any);
        String key = RegistryDouble.keyFor(Role.MEMBER, entity);
        String data = "{\"entity\":\"" + entity + "\",\"project\":\"" + project + "\",\"runId\":\"r\",\"runName\":\"n\","
                + "\"user\":\"alice\",\"metric\":\"loss\",\"step\":3,\"value\":\"NaN\",\"values\":[0.5,\"NaN\",0.5]}";
        dryRun(key, low.id(), "RUN_METRIC_THRESHOLD", data).statusCode(200).body("matched", equalTo(true))
                .body("reasons", hasItem(startsWith("value: the event's value is NaN: a NaN satisfies no comparison")))
                .body("reasons", hasItem(startsWith("window: 1 NaN value(s) skipped")));
        dryRun(key, any.id(), "RUN_METRIC_DIVERGED", data).statusCode(200).body("matched", equalTo(true))
                .body("reasons", hasItem("rule: condition met: 'loss' logged NaN, which is not a finite number"));
        dryRun(key, any.id(), "RUN_METRIC_DIVERGED", data.replace("\"value\":\"NaN\"", "\"value\":0.5"))
                .statusCode(200).body("matched", equalTo(false))
                .body("reasons", hasItem(startsWith("rule: condition not met: 'loss' logged 0.5, a finite number")));
    }

    private static io.restassured.response.ValidatableResponse dryRun(String key, String id, String type,
            String data) {
        ObjectNode body = Kafka.JSON.createObjectNode();
        body.putObject("event").put("specversion", "1.0").put("id", "e1").put("source", "/test")
                .put("type", "ai.automations." + type).put("time", "2026-11-22T10:00:00Z");
        try {
            ((ObjectNode) body.get("event")).set("data", Kafka.JSON.readTree(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/v1/entities/acme/automations/" + id + "/dry-run").then();
    }
}
