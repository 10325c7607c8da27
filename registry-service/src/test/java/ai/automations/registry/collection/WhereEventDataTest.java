package ai.automations.registry.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What {@code where} filters read, as registry-service publishes it on the real broker: collection tag events,
 * the aliases/tags/collection tags of artifact events, and runs' tags and config on RUN_STATE (RUNNING at creation
 * and on resumption) and on metric records.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class WhereEventDataTest {

    private static TopicReader events;
    private static TopicReader metrics;
    private final Api admin = Api.admin();

    @BeforeAll
    static void read() {
        events = new TopicReader(Topics.EVENTS);
        metrics = new TopicReader(Topics.RUN_METRICS);
    }

    @AfterAll
    static void close() {
        events.close();
        metrics.close();
    }

    private static List<JsonNode> of(String entity, String type, int count) {
        return events.await(r -> TopicReader.json(r).path("data").path("entity").asText().equals(entity)
                && TopicReader.json(r).path("type").asText().equals("ai.automations." + type), count)
                .stream().map(TopicReader::json).toList();
    }

    @Test
    void collectionTagsAreAddedAndRemovedWithTheirEventsOnProjectAndRegistryCollections() {
        String e = admin.entity("ctags");
        admin.project(e, "p");
        admin.registry(e, "r");
        admin.registryCollection(e, "r", "detector", "model");
        admin.artifact(e, "p", "raw", Map.of());
        String registryTags = "/api/v1/entities/" + e + "/registries/r/collections/detector/tags";
        String projectTags = "/api/v1/entities/" + e + "/projects/p/collections/raw/tags";

        admin.post(registryTags, Map.of("tag", "prod")).statusCode(200).body("tags", equalTo(List.of("prod")));
        admin.post(registryTags, Map.of("tag", "prod")).statusCode(200).body("tags", equalTo(List.of("prod")));
        admin.post(registryTags, Map.of("tag", "vision")).statusCode(200)
                .body("tags", equalTo(List.of("prod", "vision")));
        admin.delete(registryTags + "/prod").statusCode(204);
        admin.delete(registryTags + "/prod").statusCode(404);
        admin.post(projectTags, Map.of("tag", "raw-data")).statusCode(200);
        admin.get("/api/v1/entities/" + e + "/registries/r/collections/detector").body("tags",
                equalTo(List.of("vision")));

        List<JsonNode> added = of(e, "ADD_COLLECTION_TAG", 3);
        assertThat(added).extracting(ev -> ev.get("data").get("tag").asText() + " "
                + ev.get("data").get("collectionTags") + " " + ev.get("subject").asText())
                .containsExactlyInAnyOrder("prod [\"prod\"] " + e + "/r/detector",
                        "vision [\"prod\",\"vision\"] " + e + "/r/detector",
                        "raw-data [\"raw-data\"] " + e + "/p/raw");
        assertThat(added).filteredOn(ev -> ev.get("data").has("registry"))
                .allSatisfy(ev -> assertThat(ev.get("data").get("registry").asText()).isEqualTo("r")).hasSize(2);
        assertThat(added).allSatisfy(ev -> assertThat(ev.get("data").get("author").asText()).isEqualTo("admin"));
        assertThat(added).filteredOn(ev -> ev.get("data").has("project"))
                .extracting(ev -> ev.get("data").get("tag").asText()).containsExactly("raw-data");
        List<JsonNode> removed = of(e, "REMOVE_COLLECTION_TAG", 1);
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).get("data").get("tag").asText()).isEqualTo("prod");
        assertThat(removed.get(0).get("data").get("collectionTags").toString()).isEqualTo("[\"vision\"]");
    }

    @Test
    void aBadCollectionTagIsRefusedAndChangesNothing() {
        String e = admin.entity("badctags");
        admin.registry(e, "r");
        admin.registryCollection(e, "r", "detector", "model");
        String tags = "/api/v1/entities/" + e + "/registries/r/collections/detector/tags";
        admin.post(tags, Map.of("tag", "no spaces")).statusCode(400).body("field", equalTo("tag"));
        admin.post(tags, Map.of()).statusCode(400).body("field", equalTo("tag"));
        admin.delete(tags + "/never").statusCode(404);
        admin.post("/api/v1/entities/" + e + "/registries/r/collections/nope/tags", Map.of("tag", "x"))
                .statusCode(404);
        admin.get("/api/v1/entities/" + e + "/registries/r/collections/detector").body("tags", equalTo(List.of()));
        assertThat(events.drain(r -> TopicReader.json(r).path("data").path("entity").asText().equals(e),
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void artifactEventsCarryTheVersionsAliasesAndTagsAndTheCollectionsTags() {
        String e = admin.entity("adata");
        admin.project(e, "p");
        admin.post("/api/v1/entities/" + e + "/projects/p/collections", Map.of("name", "m", "type", "model",
                "tags", List.of("vision"))).statusCode(201);
        admin.artifact(e, "p", "m", Map.of("aliases", List.of("candidate"), "tags", List.of("reviewed"),
                "metadata", Map.of("accuracy", 0.93)));
        JsonNode created = of(e, "CREATE_ARTIFACT", 1).get(0).get("data");
        assertThat(created.get("aliases").toString()).isEqualTo("[\"latest\",\"candidate\"]");
        assertThat(created.get("tags").toString()).isEqualTo("[\"reviewed\"]");
        assertThat(created.get("collectionTags").toString()).isEqualTo("[\"vision\"]");
        admin.post("/api/v1/entities/" + e + "/projects/p/collections/m/versions/v0/aliases",
                Map.of("alias", "production")).statusCode(200);
        JsonNode alias = of(e, "ADD_ARTIFACT_ALIAS", 2).stream()
                .filter(ev -> ev.get("data").get("alias").asText().equals("production")).findFirst().orElseThrow()
                .get("data");
        assertThat(alias.get("aliases").toString()).isEqualTo("[\"latest\",\"candidate\",\"production\"]");
    }

    @Test
    void runsCarryTagsAndConfigAndEmitRunningWhenCreatedAndWhenResumed() {
        String e = admin.entity("rtags");
        admin.project(e, "p");
        String runs = "/api/v1/entities/" + e + "/projects/p/runs";
        admin.post(runs, Map.of("id", "r1", "name", "sweep-1", "tags", List.of("baseline", "baseline", "gpu"),
                "config", Map.of("optimizer", Map.of("lr", 0.01)))).statusCode(201)
                .body("tags", equalTo(List.of("baseline", "gpu")));
        JsonNode started = of(e, "RUN_STATE", 1).get(0).get("data");
        assertThat(started.get("state").asText()).isEqualTo("RUNNING");
        assertThat(started.get("tags").toString()).isEqualTo("[\"baseline\",\"gpu\"]");
        assertThat(started.get("config").get("optimizer").get("lr").asDouble()).isEqualTo(0.01);

        admin.patch(runs + "/r1", Map.of("tags", List.of("prod"))).statusCode(200)
                .body("tags", equalTo(List.of("prod"))).body("state", equalTo("RUNNING"));
        admin.post(runs + "/r1/history", Map.of("step", 0, "metrics", Map.of("loss", 0.5))).statusCode(202);
        JsonNode record = TopicReader.json(metrics.await(r -> TopicReader.json(r).path("entity").asText().equals(e),
                1).get(0));
        assertThat(record.get("tags").toString()).isEqualTo("[\"prod\"]");
        assertThat(record.get("config").get("optimizer").get("lr").asDouble()).as("the run's config, as stored")
                .isEqualTo(0.01);

        admin.patch(runs + "/r1", Map.of("state", "FAILED")).statusCode(200);
        admin.patch(runs + "/r1", Map.of("state", "RUNNING")).statusCode(200).body("state", equalTo("RUNNING"));
        admin.patch(runs + "/r1", Map.of("state", "RUNNING")).statusCode(200);
        admin.patch(runs + "/r1", Map.of("state", "FINISHED")).statusCode(200);
        List<JsonNode> states = of(e, "RUN_STATE", 4);
        assertThat(states).extracting(ev -> ev.get("data").get("state").asText() + " "
                + ev.get("data").get("tags")).containsExactly("RUNNING [\"baseline\",\"gpu\"]", "FAILED [\"prod\"]",
                        "RUNNING [\"prod\"]", "FINISHED [\"prod\"]");
        assertThat(Db.count("SELECT count(*) FROM runs WHERE run_id = 'r1' AND tags = '[\"prod\"]'")).isEqualTo(1);
    }
}
