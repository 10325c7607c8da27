package ai.automations.registry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A diverged metric as training code sends it: the history endpoint takes Python's bare {@code NaN},
 * {@code Infinity} and {@code -Infinity} (and the same words as strings), stores them, answers them back as strings
 * and publishes them onto automation.run-metrics; every other body stays strict, so a threshold is never NaN. The
 * RUN_METRIC_DIVERGED and RUN_STALLED filters are validated like every other.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class DivergedHistoryTest {

    private static TopicReader metrics;
    private static TopicReader definitions;
    private final Api admin = Api.admin();

    @BeforeAll
    static void read() {
        metrics = new TopicReader(Topics.RUN_METRICS);
        definitions = new TopicReader(Topics.DEFINITIONS);
    }

    @AfterAll
    static void close() {
        metrics.close();
        definitions.close();
    }

    @Test
    void nonFiniteValuesAreStoredReadBackAndPublished() {
        String e = admin.entity("nan");
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", "d1", "name", "diverging")).statusCode(201);
        // exactly what Python's json.dumps writes for float('nan'), float('inf') and -float('inf')
        admin.request().body("[{\"step\": 0, \"metrics\": {\"loss\": 0.5}}, {\"step\": 1, \"metrics\": {\"loss\": NaN,"
                + " \"grad\": Infinity}}, {\"step\": 2, \"metrics\": {\"loss\": \"Infinity\", \"grad\": -Infinity}},"
                + " {\"step\": 3, \"metrics\": {\"loss\": \"NaN\", \"grad\": \"-Infinity\"}}]")
                .post(runs + "/d1/history").then().statusCode(202).body("records", equalTo(7));

        assertThat(Db.count("SELECT count(*) FROM run_history h JOIN runs r ON r.id = h.run_id WHERE r.name = "
                + "'diverging' AND h.value = 'NaN'::float8")).isEqualTo(2);
        JsonNode history = admin.get(runs + "/d1/history").statusCode(200).extract().as(JsonNode.class);
        assertThat(history.get("metrics").get("loss").findValuesAsText("value"))
                .containsExactly("0.5", "NaN", "Infinity", "NaN");
        assertThat(history.get("metrics").get("grad").findValuesAsText("value"))
                .containsExactly("Infinity", "-Infinity", "-Infinity");
        admin.get(runs + "/d1/metrics").statusCode(200).body("metrics.find { it.name == 'grad' }.last.value",
                equalTo("-Infinity"));

        List<ConsumerRecord<String, String>> records = metrics.await(r -> TopicReader.json(r).path("entity").asText()
                .equals(e), 1);
        assertThat(MetricBatches.points(records)).extracting(MetricBatches.Point::text).containsExactly("loss@0=0.5", "loss@1=NaN", "grad@1=Infinity", "loss@2=Infinity",
                        "grad@2=-Infinity", "loss@3=NaN", "grad@3=-Infinity");
    }

    @Test
    void otherNonNumbersAreStillRefusedWhole() {
        String e = admin.entity("nanbad");
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", "r", "name", "n")).statusCode(201);
        admin.request().body("[{\"step\":0,\"metrics\":{\"loss\":NaN}},{\"step\":1,\"metrics\":{\"loss\":\"nan\"}}]")
                .post(runs + "/r/history").then().statusCode(400).body("field", equalTo("[1].metrics.loss"));
        admin.request().body("{\"step\":0,\"metrics\":{\"loss\":Inf}}").post(runs + "/r/history").then()
                .statusCode(400).body("error", equalTo("BAD_REQUEST"));
        admin.request().body("{\"step\":0,\"metrics\":{\"loss\":null}}").post(runs + "/r/history").then()
                .statusCode(400).body("field", equalTo("metrics.loss"));
        assertThat(metrics.drain(r -> TopicReader.json(r).path("entity").asText().equals(e), Duration.ofSeconds(3)))
                .isEmpty();
        assertThat(Db.count("SELECT count(*) FROM run_history h JOIN runs r ON r.id = h.run_id "
                + "JOIN entities e ON e.id = r.entity_id WHERE e.name = '" + e + "'")).isZero();
    }

    private static Map<String, Object> automation(String type, Map<String, Object> filter, String scopeType) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "a-" + Api.unique("n"));
        body.put("scope", scopeType.equals("PROJECT") ? Map.of("type", "PROJECT", "project", "p")
                : Map.of("type", "REGISTRY", "registry", "r"));
        Map<String, Object> event = new HashMap<>();
        event.put("type", type);
        event.put("filter", filter);
        body.put("event", event);
        body.put("action", Map.of("type", "NO_OP"));
        return body;
    }

    @Test
    void newEventFiltersAreValidatedAndNothingIsWrittenOnBadInput() {
        String e = admin.entity("newev");
        admin.project(e, "p");
        admin.registry(e, "r");
        String base = "/api/v1/entities/" + e + "/automations";
        admin.post(base, automation("RUN_STALLED", Map.of("minutes", 0), "PROJECT")).statusCode(400)
                .body("field", equalTo("event.filter.minutes"));
        admin.post(base, automation("RUN_STALLED", Map.of("minutes", 1441), "PROJECT")).statusCode(400)
                .body("field", equalTo("event.filter.minutes"));
        admin.post(base, automation("RUN_STALLED", Map.of("minutes", "5"), "PROJECT")).statusCode(400)
                .body("field", equalTo("event.filter.minutes"));
        admin.post(base, automation("RUN_STALLED", Map.of("minutes", 2.5), "PROJECT")).statusCode(400)
                .body("field", equalTo("event.filter.minutes"));
        admin.post(base, automation("RUN_STALLED", Map.of(), "PROJECT")).statusCode(400)
                .body("field", equalTo("event.filter.minutes"));
        admin.post(base, automation("RUN_STALLED", Map.of("minutes", 5, "metric", "loss"), "PROJECT"))
                .statusCode(400).body("field", equalTo("event.filter.metric"));
        admin.post(base, automation("RUN_STALLED", Map.of("minutes", 5), "REGISTRY")).statusCode(422)
                .body("field", equalTo("scope"));
        admin.post(base, automation("RUN_STALLED", Map.of("minutes", 5, "runNameRegex", "(("), "PROJECT"))
                .statusCode(422).body("field", equalTo("event.filter.runNameRegex"));
        admin.post(base, automation("RUN_METRIC_DIVERGED", Map.of("metric", " "), "PROJECT")).statusCode(400)
                .body("field", equalTo("event.filter.metric"));
        admin.post(base, automation("RUN_METRIC_DIVERGED", Map.of("threshold", 1), "PROJECT")).statusCode(400)
                .body("field", equalTo("event.filter.threshold"));
        admin.post(base, automation("RUN_METRIC_THRESHOLD", Map.of("metric", "loss", "cmp", "<", "threshold",
                "NaN"), "PROJECT")).statusCode(400).body("field", equalTo("event.filter.threshold"));
        admin.post(base, automation("RUN_METRIC_THRESHOLD", Map.of("metric", "loss", "cmp", "<", "threshold",
                1e308 * 10), "PROJECT")).statusCode(400).body("field", equalTo("event.filter.threshold"));
        admin.request().body("{\"name\":\"bare\",\"scope\":{\"type\":\"PROJECT\",\"project\":\"p\"},\"event\":{\"type\":"
                + "\"RUN_METRIC_THRESHOLD\",\"filter\":{\"metric\":\"loss\",\"cmp\":\"<\",\"threshold\":NaN}},"
                + "\"action\":{\"type\":\"NO_OP\"}}").post(base).then().statusCode(400)
                .body("error", equalTo("BAD_REQUEST"));
        assertThat(Db.count("SELECT count(*) FROM automations a JOIN entities e ON e.id = a.entity_id WHERE e.name = '"
                + e + "'")).isZero();

        String stalled = admin.post(base, automation("RUN_STALLED", Map.of("minutes", 1, "user", "alice"),
                "PROJECT")).statusCode(201).body("event.filter.minutes", equalTo(1)).extract().path("id");
        String diverged = admin.post(base, automation("RUN_METRIC_DIVERGED", Map.of("runNameRegex", "^train"),
                "PROJECT")).statusCode(201).body("event.filter.metric", equalTo("*")).extract().path("id");
        JsonNode published = TopicReader.json(definitions.await(r -> stalled.equals(r.key()), 1).get(0));
        assertThat(published.toString()).contains("\"minutes\":1");
        assertThat(TopicReader.json(definitions.await(r -> diverged.equals(r.key()), 1).get(0)).toString())
                .contains("\"metric\":\"*\"");
    }
}
