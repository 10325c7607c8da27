package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.event.Topics;

/**
 * registry-service scaled out: the packaged jar twice, on two ports, on one database and one broker. Writes through
 * both at once lose nothing and duplicate nothing on {@code automation.events} (every change is there once, CloudEvent
 * ids unique), each collection's events arrive in the order their changes committed, an alias moved through both at
 * once stays on one version (the one its last event names), and a key revoked through one instance is refused by the
 * other at once.
 */
class TwoRegistriesIT {

    private static final String SECOND = "registry-service-2";
    private static final int COLLECTIONS = 6;
    private static final int TAGS_PER_CLIENT = 15;

    private static Suite suite;
    private static ApiClient one;
    private static ApiClient two;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        suite.startSecondRegistry();
        one = new ApiClient(suite, suite.adminKey());
        two = new ApiClient(suite, suite.adminKey());
    }

    @Test
    void writesThroughBothInstancesAtOnceAreAllPublishedOnceInCommitOrderPerCollection() throws Exception {
        String e = "/api/v1/entities/scaled";
        one.created(ApiClient.REGISTRY, "/api/v1/entities", Map.of("name", "scaled"));
        one.created(ApiClient.REGISTRY, e + "/projects", Map.of("name", "p"));
        two.created(SECOND, e + "/registries", Map.of("name", "model"));
        Map<String, String> collectionIds = new HashMap<>();
        for (int c = 0; c < COLLECTIONS; c++) {
            ApiClient via = c % 2 == 0 ? one : two;
            String service = c % 2 == 0 ? ApiClient.REGISTRY : SECOND;
            collectionIds.put(via.created(service, e + "/registries/model/collections", Map.of("name", "c" + c,
                    "type", "model")).get("id").asText(), "c" + c);
            for (int v = 0; v < 2; v++) {
                String artifact = via.created(service, e + "/projects/p/artifacts", Map.of("collection", "a" + c,
                        "type", "model")).get("id").asText();
                via.created(service, e + "/registries/model/collections/c" + c + "/links",
                        Map.of("artifactId", artifact));
            }
        }

        // 4 clients per instance: tags (each a new one, so each an event) spread over the collections, and every
        // client moving the alias "hot" of collection c0 between its two versions
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            int k = client;
            String service = k % 2 == 0 ? ApiClient.REGISTRY : SECOND;
            done.add(clients.submit(() -> {
                int changes = 0;
                for (int i = 0; i < TAGS_PER_CLIENT; i++) {
                    String version = e + "/registries/model/collections/c" + ((k + i) % COLLECTIONS) + "/versions/v0";
                    ApiClient.expect(200, one.post(service, version + "/tags", Map.of("tag", "t" + k + "-" + i)),
                            "tag");
                    changes++;
                    ApiClient.expect(200, one.post(service, e + "/registries/model/collections/c0/versions/v"
                            + (i % 2) + "/aliases", Map.of("alias", "hot")), "alias");
                }
                return changes;
            }));
        }
        int tags = 0;
        for (Future<Integer> f : done) {
            tags += f.get();
        }
        clients.shutdown();

        Map<String, Map<String, Object>> holder = new HashMap<>();
        List<String[]> committed = new ArrayList<>();
        try (var db = suite.database("registry-service").connect(); var st = db.createStatement()) {
            try (ResultSet rows = st.executeQuery("SELECT message_key, payload FROM outbox WHERE topic = '"
                    + Topics.EVENTS + "' ORDER BY id")) {
                while (rows.next()) {
                    if (collectionIds.containsKey(rows.getString(1))) {
                        committed.add(new String[] {rows.getString(1),
                                ApiClient.read(rows.getString(2)).get("id").asText()});
                    }
                }
            }
            try (ResultSet rows = st.executeQuery("SELECT count(*), min(v.version_index) FROM version_aliases a "
                    + "JOIN collection_versions v ON v.id = a.version_id WHERE a.alias = 'hot'")) {
                rows.next();
                holder.put("hot", Map.of("rows", rows.getInt(1), "index", rows.getInt(2)));
            }
        }
        assertThat(holder.get("hot").get("rows")).as("one holder of the alias").isEqualTo(1);

        List<JsonNode> events = new ArrayList<>();
        Map<String, List<String>> publishedByKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int expected = committed.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (collectionIds.containsKey(r.key())) {
                        JsonNode event = ApiClient.read(r.value());
                        events.add(event);
                        publishedByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(event.get("id").asText());
                    }
                }
                return events.size() >= expected;
            });
        }

        long tagEvents = events.stream().filter(ev -> ev.get("type").asText().endsWith("ADD_ARTIFACT_TAG")).count();
        assertThat(tagEvents).as("one event per tag added").isEqualTo(tags);
        Set<String> ids = new HashSet<>();
        events.forEach(ev -> assertThat(ids.add(ev.get("id").asText())).as("unique id %s", ev.get("id")).isTrue());
        Map<String, List<String>> committedByKey = new HashMap<>();
        committed.forEach(c -> committedByKey.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c[1]));
        assertThat(publishedByKey).as("each collection's events in commit order").isEqualTo(committedByKey);
        JsonNode lastHot = events.stream().filter(ev -> "hot".equals(ev.path("data").path("alias").asText()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastHot.path("data").path("versionIndex").asInt()).as("the alias's last event names its holder")
                .isEqualTo(holder.get("hot").get("index"));
    }

    @Test
    void aKeyRevokedThroughOneInstanceIsRefusedByTheOtherAtOnce() {
        String key = one.createUser("scaled-user");
        ApiClient user = new ApiClient(suite, key);
        String second = user.created(ApiClient.REGISTRY, "/api/v1/api-keys", Map.of()).get("apiKey").asText();
        ApiClient other = new ApiClient(suite, second);
        ApiClient.expect(200, other.get(SECOND, "/api/v1/entities"), "list through the second instance");
        String id = null;
        for (JsonNode k : ApiClient.expect(200, user.get(ApiClient.REGISTRY, "/api/v1/api-keys"), "keys")) {
            if (second.startsWith(k.get("prefix").asText())) {
                id = k.get("id").asText();
            }
        }
        assertThat(id).isNotNull();
        assertThat(user.delete(ApiClient.REGISTRY, "/api/v1/api-keys/" + id).statusCode()).isEqualTo(204);
        assertThat(other.get(SECOND, "/api/v1/entities").statusCode()).isEqualTo(401);
        assertThat(other.get(ApiClient.REGISTRY, "/api/v1/entities").statusCode()).isEqualTo(401);
        ApiClient.expect(200, user.get(SECOND, "/api/v1/entities"), "the user's other key still works");
    }
}
