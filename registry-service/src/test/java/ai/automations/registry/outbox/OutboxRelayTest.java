package ai.automations.registry.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import ai.automations.common.event.Topics;
import ai.automations.common.outbox.OutboxRelay;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the outbox promises: nothing committed is lost when publishing is impossible for a while (relay stopped, a
 * crash between commit and publish, another instance holding the relay lock), and everything left behind is
 * published later, once, in order.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class OutboxRelayTest {

    private final TopicReader events = TopicReader.shared(Topics.EVENTS);

    @Inject
    OutboxRelay relay;

    private final Api admin = Api.admin();

    @Test
    void eventsCommittedWhileTheRelayIsStoppedArePublishedWhenItRunsAgain() {
        String e = admin.entity("stopped");
        admin.project(e, "p");
        relay.pause();
        String id;
        try {
            id = admin.artifact(e, "p", "c", Map.of("aliases", List.of("staging"), "tags", List.of("a")));
            admin.post("/api/v1/artifacts/" + id + "/tags", Map.of("tag", "b")).statusCode(200);
            assertThat(Db.count(unsent(e))).isEqualTo(4);
            assertThat(events.drain(TopicReader.ofEntity(e), Duration.ofSeconds(4))).isEmpty();
        } finally {
            relay.resume();
        }
        List<ConsumerRecord<String, String>> published = events.await(TopicReader.ofEntity(e), 4);
        assertThat(published).extracting(r -> TopicReader.json(r).get("type").asText()).containsExactly(
                "ai.automations.CREATE_ARTIFACT", "ai.automations.ADD_ARTIFACT_ALIAS",
                "ai.automations.ADD_ARTIFACT_TAG", "ai.automations.ADD_ARTIFACT_TAG");
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(unsent(e)) == 0);
        assertThat(events.drain(TopicReader.ofEntity(e), Duration.ofSeconds(3))).hasSize(4);
    }

    @Test
    void rowsACrashedProcessCommittedButNeverPublishedAreSweptOut() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        String entity = Api.unique("crashed");
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/automations/registry-service\","
                + "\"type\":\"ai.automations.ADD_ARTIFACT_TAG\",\"subject\":\"" + entity + "/p/c:v0\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"entity\":\"" + entity + "\",\"tag\":\"t\"}}";
        try (Connection c = Db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO outbox (topic, message_key, payload, content_type, created_at) VALUES (?, ?, ?, ?, now())")) {
            insert.setString(1, Topics.EVENTS);
            insert.setString(2, key);
            insert.setString(3, event);
            insert.setString(4, Outbox.CLOUD_EVENT_CONTENT_TYPE);
            insert.executeUpdate();
        }
        ConsumerRecord<String, String> record = events.await(TopicReader.ofEntity(entity), 1).get(0);
        assertThat(record.key()).isEqualTo(key);
        assertThat(TopicReader.json(record).get("id").asText()).isEqualTo(eventId);
        assertThat(new String(record.headers().lastHeader("content-type").value()))
                .startsWith("application/cloudevents+json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("SELECT count(*) FROM outbox WHERE message_key = '"
                + key + "' AND sent_at IS NULL") == 0);
    }

    /**
     * Another instance relaying (here: this test holding the relay lock) keeps this one from publishing; this one's
     * relay waits for the lock in PostgreSQL rather than trying again later, and publishes once it is released.
     */
    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishesAndTheOtherWaitsForIt() throws Exception {
        String e = admin.entity("locked");
        admin.project(e, "p");
        try (Connection other = Db.connect(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + OutboxRelay.LOCK_KEY + ")");
            admin.artifact(e, "p", "c", Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'")
                    == 1);
            assertThat(events.drain(TopicReader.ofEntity(e), Duration.ofSeconds(4))).isEmpty();
            assertThat(Db.count(unsent(e))).isEqualTo(1);
            s.execute("SELECT pg_advisory_unlock(" + OutboxRelay.LOCK_KEY + ")");
        }
        events.await(TopicReader.ofEntity(e), 1);
    }

    @Test
    void aCommitIsPublishedRightAwayNotAtTheNextSweep() {
        String e = admin.entity("latency");
        admin.project(e, "p");
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            admin.artifact(e, "p", "c", Map.of());
            long committed = System.nanoTime();
            events.await(TopicReader.ofEntity(e), i, Duration.ofSeconds(30));
            millis.add((System.nanoTime() - committed) / 1e6);
        }
        Log.infof("OUTBOX-LATENCY: answer of the create call to CloudEvent read by a consumer, 5 creates: %s ms",
                millis.stream().map(m -> String.format("%.0f", m)).toList());
        assertThat(events.await(TopicReader.ofEntity(e), 5)).hasSize(5);
    }

    @Test
    void theRelayReportsItsWorkOnMetrics() {
        String e = admin.entity("metrics");
        admin.project(e, "p");
        admin.artifact(e, "p", "c", Map.of());
        events.await(TopicReader.ofEntity(e), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("automations_outbox_published_total"))
                .body(containsString("automations_outbox_backlog")));
    }

    private static String unsent(String entity) {
        return "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND payload LIKE '%\"entity\":\"" + entity + "\"%'";
    }
}
