package ai.automations.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every artifact mutation emits exactly its CloudEvent on {@code automation.events}, keyed by the collection it
 * happens in, with the version as that collection numbers it. "Exactly" is checked by ending each scenario with a
 * marker tag on the same collection: its events share a partition, so once the marker is read every earlier event
 * of the collection has been read too.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class ArtifactEventsTest {

    private final TopicReader events = TopicReader.shared(Topics.EVENTS);
    private final Api admin = Api.admin();

    @Test
    void createEmitsCreateThenOneAliasAndTagEventEachWithFullData() {
        String e = admin.entity("create");
        admin.project(e, "fraud");
        var created = admin.post("/api/v1/entities/" + e + "/projects/fraud/artifacts", Map.of(
                "collection", "detector", "type", "model", "digest", "sha256:abc",
                "metadata", Map.of("accuracy", 0.93, "framework", "torch"),
                "aliases", List.of("staging", "latest", "staging"), "tags", List.of("candidate"), "runId", "run-1"))
                .statusCode(201)
                .body("version", equalTo("v0")).body("versionIndex", equalTo(0))
                .body("aliases", contains("latest", "staging")).body("tags", contains("candidate"))
                .extract();
        String id = created.path("id");
        String collectionId = created.path("collectionId");

        List<JsonNode> seen = eventsOf(collectionId, e);
        assertThat(seen).extracting(ev -> ev.get("type").asText()).containsExactly(
                "ai.automations.CREATE_ARTIFACT", "ai.automations.ADD_ARTIFACT_ALIAS", "ai.automations.ADD_ARTIFACT_TAG");
        JsonNode create = seen.get(0);
        assertThat(create.get("specversion").asText()).isEqualTo("1.0");
        assertThat(create.get("source").asText()).isEqualTo("/automations/registry-service");
        assertThat(create.get("subject").asText()).isEqualTo(e + "/fraud/detector:v0");
        assertThat(create.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(create.get("time").asText()).isNotBlank();
        JsonNode data = create.get("data");
        assertThat(data.get("entity").asText()).isEqualTo(e);
        assertThat(data.get("project").asText()).isEqualTo("fraud");
        assertThat(data.has("registry")).isFalse();
        assertThat(data.get("collection").asText()).isEqualTo("detector");
        assertThat(data.get("collectionId").asText()).isEqualTo(collectionId);
        assertThat(data.get("collectionType").asText()).isEqualTo("model");
        assertThat(data.get("artifactId").asText()).isEqualTo(id);
        assertThat(data.get("artifactType").asText()).isEqualTo("model");
        assertThat(data.get("version").asText()).isEqualTo("v0");
        assertThat(data.get("versionIndex").asInt()).isEqualTo(0);
        assertThat(data.get("versionString").asText()).isEqualTo(e + "/fraud/detector:v0");
        assertThat(data.get("digest").asText()).isEqualTo("sha256:abc");
        assertThat(data.get("author").asText()).isEqualTo("admin");
        assertThat(data.get("runId").asText()).isEqualTo("run-1");
        assertThat(data.get("metadata").get("accuracy").asDouble()).isEqualTo(0.93);
        assertThat(data.get("metadata").get("framework").asText()).isEqualTo("torch");
        assertThat(data.get("sourceProject").asText()).isEqualTo("fraud");
        assertThat(data.get("sourceVersionString").asText()).isEqualTo(e + "/fraud/detector:v0");
        assertThat(data.has("alias")).isFalse();

        assertThat(seen.get(1).get("data").get("alias").asText()).isEqualTo("staging");
        assertThat(seen.get(1).get("subject").asText()).isEqualTo(e + "/fraud/detector:v0");
        assertThat(seen.get(2).get("data").get("tag").asText()).isEqualTo("candidate");
        assertThat(seen).extracting(ev -> ev.get("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void latestFollowsTheNewestVersionAndAnAliasMovesBetweenVersions() {
        String e = admin.entity("alias");
        admin.project(e, "p");
        String v0 = admin.artifact(e, "p", "c", Map.of("aliases", List.of("production")));
        String collectionId = admin.get("/api/v1/artifacts/" + v0).extract().path("collectionId");
        String v1 = admin.artifact(e, "p", "c", Map.of());
        String base = "/api/v1/entities/" + e + "/projects/p/collections/c/versions/";

        admin.get(base + "v1").body("id", equalTo(v1)).body("aliases", contains("latest"));
        admin.get(base + "latest").body("version", equalTo("v1"));
        admin.get(base + "v0").body("aliases", contains("production"));

        admin.post(base + "v1/aliases", Map.of("alias", "production")).statusCode(200)
                .body("aliases", contains("latest", "production"));
        admin.get(base + "v0").body("aliases", not(hasItem("production")));
        admin.get(base + "production").body("id", equalTo(v1));
        admin.post(base + "v1/aliases", Map.of("alias", "production")).statusCode(200);
        admin.delete(base + "v1/aliases/production").statusCode(204);
        admin.get(base + "v1").body("aliases", contains("latest"));

        List<JsonNode> seen = eventsOf(collectionId, e);
        assertThat(seen).extracting(ev -> ev.get("type").asText() + " " + ev.get("subject").asText() + " "
                + ev.get("data").path("alias").asText()).containsExactly(
                        "ai.automations.CREATE_ARTIFACT " + e + "/p/c:v0 ",
                        "ai.automations.ADD_ARTIFACT_ALIAS " + e + "/p/c:v0 production",
                        "ai.automations.CREATE_ARTIFACT " + e + "/p/c:v1 ",
                        "ai.automations.ADD_ARTIFACT_ALIAS " + e + "/p/c:v1 production");
    }

    @Test
    void aLinkedVersionHasItsOwnIndexAndAliasesInEachRegistryCollection() {
        String e = admin.entity("link");
        admin.project(e, "p");
        admin.registry(e, "model");
        admin.registryCollection(e, "model", "fraud", "model");
        admin.registryCollection(e, "model", "churn", "model");
        String a = admin.artifact(e, "p", "c", Map.of());
        String b = admin.artifact(e, "p", "c", Map.of());
        String fraud = "/api/v1/entities/" + e + "/registries/model/collections/fraud";
        String churn = "/api/v1/entities/" + e + "/registries/model/collections/churn";

        String fraudId = admin.post(fraud + "/links", Map.of("artifactId", b)).statusCode(201)
                .body("version", equalTo("v0")).body("registry", equalTo("model")).body("id", equalTo(b))
                .body("source.versionString", equalTo(e + "/p/c:v1")).extract().path("collectionId");
        admin.post(fraud + "/links", Map.of("artifactId", a, "aliases", List.of("production"))).statusCode(201)
                .body("version", equalTo("v1")).body("aliases", contains("latest", "production"));
        String churnId = admin.post(churn + "/links", Map.of("artifactId", a, "aliases", List.of("staging")))
                .statusCode(201).body("version", equalTo("v0")).body("aliases", contains("latest", "staging"))
                .extract().path("collectionId");
        admin.post(fraud + "/links", Map.of("artifactId", a)).statusCode(409).body("error", equalTo("CONFLICT"));

        admin.get("/api/v1/artifacts/" + a).body("version", equalTo("v0"))
                .body("links.versionString", contains(e + "/model/fraud:v1", e + "/model/churn:v0"))
                .body("links[0].aliases", contains("latest", "production"));

        List<JsonNode> inFraud = eventsOf(fraudId, e);
        assertThat(inFraud).extracting(ev -> ev.get("type").asText() + " " + ev.get("subject").asText() + " "
                + ev.get("data").path("alias").asText()).containsExactly(
                        "ai.automations.LINK_ARTIFACT " + e + "/model/fraud:v0 ",
                        "ai.automations.LINK_ARTIFACT " + e + "/model/fraud:v1 ",
                        "ai.automations.ADD_ARTIFACT_ALIAS " + e + "/model/fraud:v1 production");
        JsonNode link = inFraud.get(1).get("data");
        assertThat(link.get("registry").asText()).isEqualTo("model");
        assertThat(link.has("project")).isFalse();
        assertThat(link.get("collection").asText()).isEqualTo("fraud");
        assertThat(link.get("collectionId").asText()).isEqualTo(fraudId);
        assertThat(link.get("artifactId").asText()).isEqualTo(a);
        assertThat(link.get("versionIndex").asInt()).isEqualTo(1);
        assertThat(link.get("sourceProject").asText()).isEqualTo("p");
        assertThat(link.get("sourceCollection").asText()).isEqualTo("c");
        assertThat(link.get("sourceVersionString").asText()).isEqualTo(e + "/p/c:v0");
        assertThat(eventsOf(churnId, e)).extracting(ev -> ev.get("type").asText() + " "
                + ev.get("data").get("versionString").asText()).containsExactly(
                        "ai.automations.LINK_ARTIFACT " + e + "/model/churn:v0",
                        "ai.automations.ADD_ARTIFACT_ALIAS " + e + "/model/churn:v0");
    }

    @Test
    void unlinkEmitsUnlinkAndLatestFallsBackToTheNewestRemainingVersion() {
        String e = admin.entity("unlink");
        admin.project(e, "p");
        admin.registry(e, "r");
        admin.registryCollection(e, "r", "c", "model");
        String a = admin.artifact(e, "p", "src", Map.of());
        String b = admin.artifact(e, "p", "src", Map.of());
        String coll = "/api/v1/entities/" + e + "/registries/r/collections/c";
        String collectionId = admin.post(coll + "/links", Map.of("artifactId", a)).statusCode(201).extract()
                .path("collectionId");
        admin.post(coll + "/links", Map.of("artifactId", b, "aliases", List.of("prod"))).statusCode(201);

        admin.delete(coll + "/links/v1").statusCode(204);
        admin.get(coll + "/versions/v1").statusCode(404);
        admin.get(coll + "/versions/prod").statusCode(404);
        admin.get(coll + "/versions/latest").body("version", equalTo("v0"));
        admin.delete(coll + "/links/v1").statusCode(404);
        admin.post(coll + "/links", Map.of("artifactId", b)).statusCode(201).body("version", equalTo("v2"));

        List<JsonNode> seen = eventsOf(collectionId, e);
        assertThat(seen).extracting(ev -> ev.get("type").asText() + " " + ev.get("subject").asText()).containsExactly(
                "ai.automations.LINK_ARTIFACT " + e + "/r/c:v0",
                "ai.automations.LINK_ARTIFACT " + e + "/r/c:v1",
                "ai.automations.ADD_ARTIFACT_ALIAS " + e + "/r/c:v1",
                "ai.automations.UNLINK_ARTIFACT " + e + "/r/c:v1",
                "ai.automations.LINK_ARTIFACT " + e + "/r/c:v2");
        assertThat(seen.get(3).get("data").get("artifactId").asText()).isEqualTo(b);
    }

    @Test
    void tagsAddAndRemoveOnceEachThroughBothPaths() {
        String e = admin.entity("tags");
        admin.project(e, "p");
        String id = admin.artifact(e, "p", "c", Map.of());
        String collectionId = admin.get("/api/v1/artifacts/" + id).extract().path("collectionId");
        String v0 = "/api/v1/entities/" + e + "/projects/p/collections/c/versions/v0";

        admin.post(v0 + "/tags", Map.of("tag", "reviewed")).statusCode(200).body("tags", contains("reviewed"));
        admin.post(v0 + "/tags", Map.of("tag", "reviewed")).statusCode(200);
        admin.post("/api/v1/artifacts/" + id + "/tags", Map.of("tag", "gold")).statusCode(200)
                .body("tags", contains("gold", "reviewed"));
        admin.delete(v0 + "/tags/reviewed").statusCode(204);
        admin.delete(v0 + "/tags/reviewed").statusCode(404);
        admin.delete("/api/v1/artifacts/" + id + "/tags/gold").statusCode(204);
        admin.post("/api/v1/artifacts/" + id + "/aliases", Map.of("alias", "best")).statusCode(200)
                .body("aliases", contains("latest", "best"));

        assertThat(eventsOf(collectionId, e)).extracting(ev -> ev.get("type").asText() + " "
                + ev.get("data").path("tag").asText() + ev.get("data").path("alias").asText()).containsExactly(
                        "ai.automations.CREATE_ARTIFACT ",
                        "ai.automations.ADD_ARTIFACT_TAG reviewed",
                        "ai.automations.ADD_ARTIFACT_TAG gold",
                        "ai.automations.REMOVE_ARTIFACT_TAG reviewed",
                        "ai.automations.REMOVE_ARTIFACT_TAG gold",
                        "ai.automations.ADD_ARTIFACT_ALIAS best");
    }

    /**
     * Concurrent changes of one collection serialise on its lock, and each reads the version after its own change
     * under that lock: every tag event carries every tag an earlier event of the collection added, the alias ends on
     * the one version its last event names, and its events alternate as it moved.
     */
    @Test
    void concurrentTagAndAliasAddsOnOneCollectionAreSerialAndEachEventSeesTheOnesBefore() throws Exception {
        String e = admin.entity("concurrent");
        admin.project(e, "p");
        String first = admin.artifact(e, "p", "c", Map.of());
        admin.artifact(e, "p", "c", Map.of());
        String collectionId = admin.get("/api/v1/artifacts/" + first).extract().path("collectionId");
        String base = "/api/v1/entities/" + e + "/projects/p/collections/c/versions/";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                calls.add(pool.submit(() -> admin.post(base + "v0/tags", Map.of("tag", "t" + n)).statusCode(200)));
                calls.add(pool.submit(() -> admin.post(base + "v" + (n % 2) + "/aliases", Map.of("alias", "hot"))
                        .statusCode(200)));
            }
            for (var call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }

        List<JsonNode> seen = eventsOf(collectionId, e);
        java.util.Set<String> before = new java.util.HashSet<>();
        for (JsonNode ev : seen.stream().filter(ev -> ev.get("type").asText().endsWith("ADD_ARTIFACT_TAG")).toList()) {
            java.util.Set<String> tags = new java.util.HashSet<>();
            ev.get("data").get("tags").forEach(t -> tags.add(t.asText()));
            assertThat(tags).as("tags of the event adding %s", ev.get("data").get("tag").asText())
                    .containsAll(before).contains(ev.get("data").get("tag").asText());
            before = tags;
        }
        assertThat(before).hasSize(40);
        List<JsonNode> moves = seen.stream().filter(ev -> ev.get("type").asText().endsWith("ADD_ARTIFACT_ALIAS"))
                .toList();
        assertThat(moves).isNotEmpty();
        for (int i = 1; i < moves.size(); i++) {
            assertThat(moves.get(i).get("data").get("versionIndex").asInt()).as("an alias event is a move")
                    .isNotEqualTo(moves.get(i - 1).get("data").get("versionIndex").asInt());
        }
        for (JsonNode move : moves) {
            assertThat(move.get("data").get("aliases").toString()).contains("\"hot\"");
        }
        int holder = moves.get(moves.size() - 1).get("data").get("versionIndex").asInt();
        admin.get(base + "hot").body("versionIndex", equalTo(holder));
        admin.get(base + "v" + (1 - holder)).body("aliases", not(hasItem("hot")));
    }

    /**
     * The events of one collection, after adding a marker tag to its newest version and waiting for it; the marker
     * itself is left out.
     */
    static List<JsonNode> eventsOf(String collectionId, String entity) {
        String marker = "marker-" + Long.toHexString(System.nanoTime());
        Api.admin().post(collectionPath(collectionId, entity) + "/versions/latest/tags", Map.of("tag", marker))
                .statusCode(200);
        Predicate<ConsumerRecord<String, String>> inCollection = r -> collectionId.equals(r.key());
        TopicReader.shared(Topics.EVENTS).await(inCollection.and(r -> marker.equals(TopicReader.json(r).path("data").path("tag").asText())), 1);
        return TopicReader.shared(Topics.EVENTS).await(inCollection, 1).stream().map(TopicReader::json)
                .filter(ev -> !marker.equals(ev.path("data").path("tag").asText())).toList();
    }

    /** The API path of the project or registry collection with this id, from an event already seen on it. */
    private static String collectionPath(String collectionId, String entity) {
        JsonNode data = TopicReader.json(TopicReader.shared(Topics.EVENTS).await(r -> collectionId.equals(r.key()), 1).get(0)).get("data");
        String parent = data.has("registry") ? "registries/" + data.get("registry").asText()
                : "projects/" + data.get("project").asText();
        return "/api/v1/entities/" + entity + "/" + parent + "/collections/" + data.get("collection").asText();
    }
}
