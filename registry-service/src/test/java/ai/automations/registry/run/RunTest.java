package ai.automations.registry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Runs: their states and RUN_STATE events, and the history endpoint onto automation.run-metrics. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class RunTest {

    private final TopicReader events = TopicReader.shared(Topics.EVENTS);
    private final TopicReader metrics = TopicReader.shared(Topics.RUN_METRICS);
    private final Api admin = Api.admin();

    @Test
    void terminalStatesEmitRunStateKeyedByRunIdExceptKilled() {
        String e = admin.entity("runs");
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", "ok-1", "name", "fluent-sun-1", "user", "alice", "config", Map.of("lr", 0.1)))
                .statusCode(201).body("state", equalTo("RUNNING")).body("id", equalTo("ok-1"))
                .body("config.lr", equalTo(0.1f));
        admin.post(runs, Map.of("id", "ok-1", "name", "again")).statusCode(409);
        String generated = admin.post(runs, Map.of("name", "crashy")).statusCode(201).body("user", equalTo("admin"))
                .extract().path("id");
        admin.post(runs, Map.of("id", "killed-1", "name", "k")).statusCode(201);

        admin.patch(runs + "/ok-1", Map.of("state", "FINISHED")).statusCode(200).body("state", equalTo("FINISHED"));
        admin.patch(runs + "/ok-1", Map.of("state", "FINISHED")).statusCode(200);
        admin.patch(runs + "/ok-1", Map.of("state", "FAILED")).statusCode(409);
        admin.patch(runs + "/" + generated, Map.of("state", "CRASHED")).statusCode(200)
                .body("state", equalTo("CRASHED"));
        admin.patch(runs + "/killed-1", Map.of("state", "KILLED")).statusCode(200).body("state", equalTo("KILLED"));
        admin.get(runs + "/killed-1").body("state", equalTo("KILLED"));
        admin.patch(runs + "/nope", Map.of("state", "FAILED")).statusCode(404);
        admin.post(runs, Map.of("id", "last", "name", "marker")).statusCode(201);
        admin.patch(runs + "/last", Map.of("state", "FAILED")).statusCode(200);

        List<JsonNode> all = events.await(TopicReader.ofEntity(e), 7).stream().map(TopicReader::json).toList();
        assertThat(all).filteredOn(ev -> ev.get("data").get("state").asText().equals("RUNNING"))
                .extracting(ev -> ev.get("data").get("runId").asText())
                .containsExactlyInAnyOrder("ok-1", generated, "killed-1", "last");
        List<JsonNode> seen = all.stream().filter(ev -> !ev.get("data").get("state").asText().equals("RUNNING"))
                .toList();
        assertThat(seen).extracting(ev -> ev.get("data").get("runId").asText() + " "
                + ev.get("data").get("state").asText()).containsExactlyInAnyOrder(
                        "ok-1 FINISHED", generated + " FAILED", "last FAILED");
        JsonNode finished = seen.stream().filter(ev -> ev.get("data").get("runId").asText().equals("ok-1"))
                .findFirst().orElseThrow();
        assertThat(finished.get("type").asText()).isEqualTo("ai.automations.RUN_STATE");
        assertThat(finished.get("subject").asText()).isEqualTo(e + "/p/ok-1");
        assertThat(finished.get("source").asText()).isEqualTo("/automations/registry-service");
        JsonNode data = finished.get("data");
        assertThat(data.get("entity").asText()).isEqualTo(e);
        assertThat(data.get("project").asText()).isEqualTo("p");
        assertThat(data.get("runName").asText()).isEqualTo("fluent-sun-1");
        assertThat(data.get("user").asText()).isEqualTo("alice");
        assertThat(data.get("author").asText()).isEqualTo("admin");
        assertThat(data.get("reportedState").asText()).isEqualTo("FINISHED");
        assertThat(data.at("/config/lr").asDouble()).as("the run's config, for ${run_config.KEY}").isEqualTo(0.1);
        assertThat(seen.stream().filter(ev -> ev.get("data").get("runId").asText().equals(generated)).findFirst()
                .orElseThrow().get("data").get("reportedState").asText()).isEqualTo("CRASHED");
        assertThat(events.await(TopicReader.ofEntity(e), 7)).allSatisfy(r -> assertThat(r.key())
                .isEqualTo(TopicReader.json(r).get("data").get("runId").asText()));
        assertThat(Db.count("SELECT count(*) FROM outbox WHERE message_key = 'killed-1' AND payload LIKE '%" + e
                + "%' AND payload NOT LIKE '%\"RUNNING\"%'")).isZero();
        assertThat(Db.count("SELECT count(*) FROM outbox WHERE message_key = 'ok-1' AND payload LIKE '%" + e
                + "%' AND payload NOT LIKE '%\"RUNNING\"%'")).isEqualTo(1);
    }

    @Test
    void badRunInputIs400AndCreatesNothing() {
        String e = admin.entity("badruns");
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", "x")).statusCode(400).body("field", equalTo("name"));
        admin.post(runs, Map.of("id", "bad id", "name", "n")).statusCode(400).body("field", equalTo("id"));
        admin.post(runs, Map.of("name", "n", "config", List.of(1))).statusCode(400).body("field", equalTo("config"));
        admin.post("/api/v1/entities/" + e + "/projects/nope/runs", Map.of("name", "n")).statusCode(404);
        admin.get(runs).statusCode(200).body("size()", equalTo(0));
        admin.post(runs, Map.of("id", "r", "name", "n")).statusCode(201);
        admin.patch(runs + "/r", Map.of("state", "PAUSED")).statusCode(400).body("field", equalTo("state"));
        admin.patch(runs + "/r", Map.of("tags", List.of("bad tag"))).statusCode(400).body("field", equalTo("tags[0]"));
        admin.patch(runs + "/r", Map.of("state", "EXPLODED")).statusCode(400);
        admin.patch(runs + "/r", Map.of()).statusCode(400);
        admin.get(runs + "/r").body("state", equalTo("RUNNING"));
    }

    @Test
    void historyPublishesOneBatchRecordPerCallWithItsPointsInStepOrder() {
        String e = admin.entity("hist");
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", "h1", "name", "brave-owl", "user", "bob")).statusCode(201);
        admin.request().body("{\"step\":0,\"metrics\":{\"loss\":0.9,\"system/cpu\":55},\"timestamp\":1700000000.5}")
                .post(runs + "/h1/history").then().statusCode(202).body("records", equalTo(2));
        admin.post(runs + "/h1/history", List.of(
                Map.of("step", 2, "metrics", Map.of("loss", 0.5)),
                Map.of("step", 1, "metrics", Map.of("loss", 0.7), "timestamp", "2026-01-01T00:00:00Z")))
                .statusCode(202).body("points", equalTo(2)).body("records", equalTo(2));

        List<ConsumerRecord<String, String>> records = metrics.await(r -> TopicReader.json(r).path("entity")
                .asText().equals(e), 2);
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.key()).isEqualTo("h1"));
        List<MetricBatches.Point> points = MetricBatches.points(records);
        assertThat(points).extracting(p -> p.metric() + "@" + p.step() + "=" + p.value().asDouble())
                .containsExactly("loss@0=0.9", "system/cpu@0=55.0", "loss@1=0.7", "loss@2=0.5");
        JsonNode first = TopicReader.json(records.get(0));
        assertThat(first.get("project").asText()).isEqualTo("p");
        assertThat(first.get("runId").asText()).isEqualTo("h1");
        assertThat(first.get("runName").asText()).isEqualTo("brave-owl");
        assertThat(first.get("user").asText()).isEqualTo("bob");
        assertThat(first.get("tags").isNull()).isTrue();
        assertThat(points.get(0).timestamp()).isEqualTo("2023-11-14T22:13:20.500Z");
        assertThat(points.get(2).timestamp()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void badHistoryIsRefusedWholeAndPublishesNothing() {
        String e = admin.entity("badhist");
        admin.project(e, "p");
        String history = "/api/v1/entities/" + e + "/projects/p/runs/r/history";
        admin.post(history, Map.of("step", 0, "metrics", Map.of("loss", 1))).statusCode(404)
                .body("message", equalTo("No run 'r' in project 'p'."));
        // a missing run is named before a bad body is judged; a missing project or entity is named as such
        admin.post(history, Map.of("step", -1, "metrics", Map.of("loss", 1))).statusCode(404);
        admin.post("/api/v1/entities/" + e + "/projects/nope/runs/r/history", Map.of("step", 0, "metrics",
                Map.of("loss", 1))).statusCode(404).body("message", equalTo("No project 'nope' in entity '" + e + "'."));
        admin.post("/api/v1/entities/" + e + "/projects/p/runs", Map.of("id", "r", "name", "n")).statusCode(201);
        Map<String, Object> good = Map.of("step", 0, "metrics", Map.of("loss", 1));
        admin.post(history, List.of(good, Map.of("step", -1, "metrics", Map.of("loss", 1)))).statusCode(400)
                .body("field", equalTo("[1].step"));
        admin.post(history, List.of(good, Map.of("step", 1, "metrics", Map.of("loss", "high")))).statusCode(400)
                .body("field", equalTo("[1].metrics.loss"));
        admin.post(history, List.of(good, Map.of("step", 1))).statusCode(400).body("field", equalTo("[1].metrics"));
        admin.post(history, List.of(good, Map.of("step", 1, "metrics", Map.of("a", 1), "timestamp", "yesterday")))
                .statusCode(400).body("field", equalTo("[1].timestamp"));
        admin.post(history, List.of(good, Map.of("step", 1, "metrics", Map.of("a", 1), "extra", 1)))
                .statusCode(400).body("field", equalTo("[1].extra"));
        admin.post(history, List.of()).statusCode(400);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add(Map.of("step", i, "metrics", Map.of("loss", 1)));
        }
        admin.post(history, tooMany).statusCode(413).body("error", equalTo("TOO_LARGE"));
        assertThat(metrics.drain(r -> TopicReader.json(r).path("entity").asText().equals(e), Duration.ofSeconds(3)))
                .isEmpty();
    }

    @Test
    void aTenThousandPointBatchIsTakenAndPublishedInOrder() throws Exception {
        String e = admin.entity("batch");
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", "big", "name", "big-run")).statusCode(201);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int step = 0; step < 10_000; step++) {
            points.add(Map.of("step", step, "metrics", Map.of("loss", 1.0 / (step + 1))));
        }
        String batch = new ObjectMapper().writeValueAsString(points);
        for (int call = 1; call <= 3; call++) {
            long start = System.nanoTime();
            admin.request().body(batch).post(runs + "/big/history").then().statusCode(202)
                    .body("points", equalTo(10_000)).body("records", equalTo(10_000));
            Log.infof("HISTORY-BATCH call %d: 10,000 points (%d KB of JSON), all acknowledged by Kafka, in %.0f ms",
                    call, batch.length() / 1024, (System.nanoTime() - start) / 1e6);
        }
        Predicate<ConsumerRecord<String, String>> loss = r -> "big".equals(r.key())
                && TopicReader.json(r).path("entity").asText().equals(e);
        List<MetricBatches.Point> published = MetricBatches.await(metrics, loss, 30_000, Duration.ofSeconds(120));
        assertThat(published).hasSize(30_000);
        List<ConsumerRecord<String, String>> records = published.stream().map(MetricBatches.Point::record)
                .distinct().toList();
        assertThat(records.stream().map(r -> r.partition()).distinct()).hasSize(1);
        assertThat(records).allSatisfy(r -> assertThat(r.value().length())
                .as("a record stays far below the broker's 1 MB limit").isLessThan(300 * 1024));
        for (int i = 0; i < published.size(); i++) {
            assertThat(published.get(i).step()).isEqualTo(i % 10_000);
        }
    }
}
