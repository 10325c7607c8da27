package ai.automations.registry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A run's logged history read back from PostgreSQL: by metric and step, downsampled, summarised, role-checked. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class RunHistoryReadTest {

    private final Api admin = Api.admin();

    @Test
    void loggedPointsAreReadBackByMetricInStepOrderAndARetryDuplicatesNothing() {
        String runs = run("roundtrip", "r");
        List<Map<String, Object>> batch = List.of(
                Map.of("step", 2, "metrics", Map.of("loss", 0.5), "timestamp", "2026-01-01T00:00:02Z"),
                Map.of("step", 0, "metrics", Map.of("loss", 0.9, "acc", 0.1), "timestamp", "2026-01-01T00:00:00Z"),
                Map.of("step", 1, "metrics", Map.of("loss", 0.7), "timestamp", 1767225601.5));
        admin.post(runs + "/r/history", batch).statusCode(202).body("records", equalTo(4));
        admin.post(runs + "/r/history", batch).statusCode(202);

        admin.get(runs + "/r/history").statusCode(200)
                .body("metrics.loss.step", equalTo(List.of(0, 1, 2)))
                .body("metrics.loss.value", equalTo(List.of(0.9f, 0.7f, 0.5f)))
                .body("metrics.loss[0].timestamp", equalTo("2026-01-01T00:00:00Z"))
                .body("metrics.loss[1].timestamp", equalTo("2026-01-01T00:00:01.5Z"))
                .body("metrics.acc.step", equalTo(List.of(0)))
                .body("metrics.size()", equalTo(2));
        assertThat(Db.count("SELECT count(*) FROM run_history h JOIN runs r ON r.id = h.run_id WHERE r.run_id = 'r' "
                + "AND r.project_id IN (SELECT p.id FROM projects p JOIN entities e ON e.id = p.entity_id "
                + "WHERE e.name = '" + entityOf(runs) + "')")).isEqualTo(4);

        admin.post(runs + "/r/history", List.of(Map.of("step", 1, "metrics", Map.of("loss", 0.6)),
                Map.of("step", 1, "metrics", Map.of("loss", 0.65)))).statusCode(202);
        admin.get(runs + "/r/history?metric=loss").statusCode(200).body("metrics.size()", equalTo(1))
                .body("metrics.loss.value", equalTo(List.of(0.9f, 0.65f, 0.5f)));

        admin.get(runs + "/r/metrics").statusCode(200)
                .body("metrics.name", equalTo(List.of("acc", "loss")))
                .body("metrics[1].count", equalTo(3))
                .body("metrics[1].min", equalTo(0.5f)).body("metrics[1].max", equalTo(0.9f))
                .body("metrics[1].last.step", equalTo(2)).body("metrics[1].last.value", equalTo(0.5f))
                .body("metrics[0].last.value", equalTo(0.1f));
    }

    @Test
    void aCallWhoseStepsLogTheSameMetricsIsStoredByStepAndReadsBackLikeAnyOther() {
        String runs = run("bystep", "s");
        admin.post(runs + "/s/history", List.of(
                Map.of("step", 0, "metrics", Map.of("loss", 0.9, "acc", 0.1), "timestamp", "2026-01-01T00:00:00Z"),
                Map.of("step", 2, "metrics", Map.of("acc", 0.3, "loss", "NaN"), "timestamp", "2026-01-01T00:00:02Z"),
                Map.of("step", 1, "metrics", Map.of("loss", 0.7, "acc", 0.2), "timestamp", "2026-01-01T00:00:01Z")))
                .statusCode(202).body("records", equalTo(6));
        String chunks = "SELECT count(*) FROM run_history_chunk c JOIN runs r ON r.id = c.run_id WHERE r.run_id = 's' "
                + "AND r.project_id IN (SELECT p.id FROM projects p JOIN entities e ON e.id = p.entity_id "
                + "WHERE e.name = '" + entityOf(runs) + "')";
        assertThat(Db.count(chunks + " AND c.width = 2 AND cardinality(c.steps) = 3 AND cardinality(c.vals) = 6"))
                .isEqualTo(1);

        JsonNode read = admin.get(runs + "/s/history").statusCode(200)
                .body("metrics.loss.step", equalTo(List.of(0, 1, 2)))
                .body("metrics.acc.value", equalTo(List.of(0.1f, 0.2f, 0.3f)))
                .body("metrics.acc[2].timestamp", equalTo("2026-01-01T00:00:02Z"))
                .body("metrics.loss[1].timestamp", equalTo("2026-01-01T00:00:01Z")).extract().as(JsonNode.class);
        assertThat(read.get("metrics").get("loss").findValuesAsText("value")).containsExactly("0.9", "0.7", "NaN");

        admin.post(runs + "/s/history", List.of(Map.of("step", 1, "metrics", Map.of("loss", 0.6)),
                Map.of("step", 3, "metrics", Map.of("acc", 0.4)))).statusCode(202);
        admin.post(runs + "/s/history", List.of(Map.of("step", 2, "metrics", Map.of("acc", 0.35)),
                Map.of("step", 2, "metrics", Map.of("acc", 0.33)))).statusCode(202);
        assertThat(Db.count(chunks + " AND c.width IS NULL")).isEqualTo(1);
        assertThat(Db.count(chunks + " AND c.width = 1")).isEqualTo(1);

        read = admin.get(runs + "/s/history").statusCode(200)
                .body("metrics.acc.step", equalTo(List.of(0, 1, 2, 3)))
                .body("metrics.acc.value", equalTo(List.of(0.1f, 0.2f, 0.33f, 0.4f))).extract().as(JsonNode.class);
        assertThat(read.get("metrics").get("loss").findValuesAsText("value")).containsExactly("0.9", "0.6", "NaN");
        admin.get(runs + "/s/metrics").statusCode(200)
                .body("metrics.name", equalTo(List.of("acc", "loss")))
                .body("metrics[0].count", equalTo(4)).body("metrics[0].last.value", equalTo(0.4f))
                .body("metrics[1].count", equalTo(3));
    }

    @Test
    void aMetricWithMorePointsThanTheLimitIsEvenlyDownsampledKeepingItsEnds() {
        String runs = run("downsample", "d");
        List<Map<String, Object>> points = new ArrayList<>();
        for (int step = 0; step < 100; step++) {
            points.add(Map.of("step", step, "metrics", step < 5 ? Map.of("loss", step, "lr", 1) : Map.of("loss", step)));
        }
        admin.post(runs + "/d/history", points).statusCode(202);

        List<Integer> steps = admin.get(runs + "/d/history?limit=10").statusCode(200)
                .body("metrics.lr.step", equalTo(List.of(0, 1, 2, 3, 4))).extract().path("metrics.loss.step");
        assertThat(steps).hasSize(10).startsWith(0).endsWith(99).isSorted();
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i) - steps.get(i - 1)).isBetween(10, 12);
        }
        admin.get(runs + "/d/history?limit=1&metric=loss").statusCode(200).body("metrics.loss.step", equalTo(List.of(0)));
        admin.get(runs + "/d/history?limit=100&metric=loss").statusCode(200).body("metrics.loss.size()", equalTo(100));
        admin.get(runs + "/d/history").statusCode(200).body("metrics.loss.size()", equalTo(100));
        admin.get(runs + "/d/history?metric=nothing").statusCode(200).body("metrics.size()", equalTo(0));
    }

    @Test
    void aBadLimitIs400NamingItAndAnUnknownRunIs404() {
        String runs = run("badread", "b");
        for (String limit : List.of("0", "10001", "-1", "many")) {
            admin.get(runs + "/b/history?limit=" + limit).statusCode(400).body("error", equalTo("BAD_REQUEST"))
                    .body("field", equalTo("limit"))
                    .body("message", equalTo("'limit' must be a whole number from 1 to 10000."));
        }
        admin.get(runs + "/b/history?limit=10000").statusCode(200).body("metrics.size()", equalTo(0));
        admin.get(runs + "/b/metrics").statusCode(200).body("metrics.size()", equalTo(0));
        admin.get(runs + "/nope/history").statusCode(404).body("error", equalTo("NOT_FOUND"));
        admin.get(runs + "/nope/metrics").statusCode(404);
    }

    @Test
    void aViewerReadsTheHistoryAndAStrangerIsRefused() {
        String viewer = user("viewer");
        String stranger = user("stranger");
        String runs = run("viewed", "v");
        String e = entityOf(runs);
        admin.post("/api/v1/entities/" + e + "/members", Map.of("user", name(viewer), "role", "VIEWER"))
                .statusCode(201);
        admin.post(runs + "/v/history", Map.of("step", 0, "metrics", Map.of("loss", 1))).statusCode(202);

        Api.as(viewer).get(runs + "/v/history").statusCode(200).body("metrics.loss.value", equalTo(List.of(1.0f)));
        Api.as(viewer).get(runs + "/v/metrics").statusCode(200).body("metrics[0].name", equalTo("loss"));
        Api.as(viewer).post(runs + "/v/history", Map.of("step", 1, "metrics", Map.of("loss", 2))).statusCode(403);
        Api.as(stranger).get(runs + "/v/history").statusCode(403).body("error", equalTo("FORBIDDEN"));
        Api.as(stranger).get(runs + "/v/metrics").statusCode(403);
        admin.get(runs + "/v/history").body("metrics.loss.size()", equalTo(1));
    }

    /** A new entity with project {@code p} and run {@code runId}; the runs path. */
    private String run(String prefix, String runId) {
        String e = admin.entity(prefix);
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", runId, "name", "n")).statusCode(201);
        return runs;
    }

    private static String entityOf(String runs) {
        return runs.split("/")[4];
    }

    private static String user(String prefix) {
        return Api.admin().post("/api/v1/users", Map.of("name", Api.unique(prefix))).statusCode(201).extract()
                .path("apiKey");
    }

    private static String name(String key) {
        return Api.as(key).get("/api/v1/users/me").extract().path("name");
    }
}
