package ai.automations.registry.artifact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad input on the registry endpoints: the contract's 4xx JSON and nothing half-written. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class RegistryValidationTest {

    private final Api admin = Api.admin();

    @Test
    void namesFollowTheContractPatternAndAreUnique() {
        admin.post("/api/v1/entities", Map.of("name", "-starts-with-dash")).statusCode(400)
                .body("error", equalTo("BAD_REQUEST")).body("field", equalTo("name"));
        admin.post("/api/v1/entities", Map.of("name", "x".repeat(129))).statusCode(400);
        admin.post("/api/v1/entities", Map.of()).statusCode(400).body("field", equalTo("name"));
        given().header("Authorization", "Bearer " + Api.ADMIN_KEY).contentType(ContentType.JSON)
                .post("/api/v1/entities").then().statusCode(400).body("error", equalTo("BAD_REQUEST"));
        String e = admin.entity("names");
        admin.post("/api/v1/entities", Map.of("name", e)).statusCode(409).body("error", equalTo("CONFLICT"));
        admin.post("/api/v1/entities/" + e + "/projects", Map.of("name", "a/b")).statusCode(400);
        admin.project(e, "p");
        admin.post("/api/v1/entities/" + e + "/projects", Map.of("name", "p")).statusCode(409);
        admin.post("/api/v1/entities/" + e + "/registries", Map.of("name", "r", "description", "d".repeat(4001)))
                .statusCode(400).body("field", equalTo("description"));
        admin.post("/api/v1/entities/" + e + "/registries", Map.of("name", "r", "description", "models"))
                .statusCode(201).body("description", equalTo("models"));
        String collections = "/api/v1/entities/" + e + "/registries/r/collections";
        admin.post(collections, Map.of("name", "c")).statusCode(400).body("field", equalTo("type"));
        admin.post(collections, Map.of("name", "c", "type", "model", "tags", List.of("ok", "not ok")))
                .statusCode(400).body("field", equalTo("tags[1]"));
        admin.post(collections, Map.of("name", "c", "type", "model", "tags", List.of("fraud"), "description", "d"))
                .statusCode(201).body("tags", contains("fraud"));
        admin.post(collections, Map.of("name", "c", "type", "model")).statusCode(409);
        admin.get(collections + "/c").statusCode(200).body("type", equalTo("model")).body("registry", equalTo("r"));
        admin.get("/api/v1/entities/" + e + "/registries/nope/collections/c").statusCode(404)
                .body("error", equalTo("NOT_FOUND"));
        admin.get("/api/v1/entities/" + e + "/registries/r").statusCode(200);
        admin.get("/api/v1/entities/" + e + "/projects/p").statusCode(200);
        admin.get("/api/v1/entities/nope-" + e).statusCode(404);
    }

    @Test
    void badArtifactsAreRefusedAndCreateNothing() {
        String e = admin.entity("bad-artifacts");
        admin.project(e, "p");
        String artifacts = "/api/v1/entities/" + e + "/projects/p/artifacts";
        admin.post(artifacts, Map.of("type", "model")).statusCode(400).body("field", equalTo("collection"));
        admin.post(artifacts, Map.of("collection", "c")).statusCode(400).body("field", equalTo("type"));
        admin.post(artifacts, Map.of("collection", "c", "type", "model", "metadata", List.of(1))).statusCode(400)
                .body("field", equalTo("metadata"));
        admin.post(artifacts, Map.of("collection", "c", "type", "model", "aliases", List.of("v3"))).statusCode(400)
                .body("field", equalTo("aliases[0]"));
        admin.post(artifacts, Map.of("collection", "c", "type", "model", "aliases", List.of("ok", "bad alias")))
                .statusCode(400).body("field", equalTo("aliases[1]"));
        admin.post(artifacts, Map.of("collection", "c", "type", "model", "tags", List.of(""))).statusCode(400);
        admin.post(artifacts, Map.of("collection", "c", "type", "model", "runId", "no spaces")).statusCode(400);
        admin.post(artifacts, Map.of("collection", "c", "type", "model", "metadata",
                Map.of("blob", "x".repeat(100_001)))).statusCode(413).body("error", equalTo("TOO_LARGE"));
        admin.post("/api/v1/entities/" + e + "/projects/nope/artifacts", Map.of("collection", "c", "type", "model"))
                .statusCode(404);
        assertThat(Db.count("SELECT count(*) FROM collections c JOIN entities e ON e.id = c.entity_id WHERE e.name = '"
                + e + "'")).isZero();

        admin.artifact(e, "p", "c", Map.of());
        admin.post(artifacts, Map.of("collection", "c", "type", "dataset")).statusCode(409).body("field",
                equalTo("type"));
        assertThat(Db.count("SELECT count(*) FROM artifacts a JOIN entities e ON e.id = a.entity_id WHERE e.name = '"
                + e + "'")).isEqualTo(1);
    }

    @Test
    void aliasesTagsAndLinksRefuseBadInput() {
        String e = admin.entity("bad-alias");
        admin.project(e, "p");
        admin.registry(e, "r");
        admin.registryCollection(e, "r", "c", "model");
        String id = admin.artifact(e, "p", "c", Map.of());
        String v0 = "/api/v1/entities/" + e + "/projects/p/collections/c/versions/v0";
        admin.post(v0 + "/aliases", Map.of("alias", "v12")).statusCode(400).body("field", equalTo("alias"));
        admin.post(v0 + "/aliases", Map.of("alias", "latest")).statusCode(400);
        admin.post(v0 + "/aliases", Map.of()).statusCode(400);
        admin.delete(v0 + "/aliases/latest").statusCode(400);
        admin.delete(v0 + "/aliases/never").statusCode(404);
        admin.post(v0 + "/tags", Map.of("tag", "has space")).statusCode(400).body("field", equalTo("tag"));
        admin.post("/api/v1/entities/" + e + "/projects/p/collections/c/versions/v9/aliases", Map.of("alias", "x"))
                .statusCode(404);
        admin.post("/api/v1/entities/" + e + "/projects/p/collections/c/versions/nosuchalias/tags",
                Map.of("tag", "x")).statusCode(404);
        String links = "/api/v1/entities/" + e + "/registries/r/collections/c/links";
        admin.post(links, Map.of()).statusCode(400).body("field", equalTo("artifactId"));
        admin.post(links, Map.of("artifactId", "nope")).statusCode(400).body("field", equalTo("artifactId"));
        admin.post(links, Map.of("artifactId", "00000000-0000-0000-0000-000000000000")).statusCode(404);
        admin.post(links, Map.of("artifactId", id, "aliases", List.of("v1"))).statusCode(400);
        String other = admin.entity("foreign");
        admin.project(other, "p");
        String foreign = admin.artifact(other, "p", "c", Map.of());
        admin.post(links, Map.of("artifactId", foreign)).statusCode(404);
        admin.get("/api/v1/artifacts/not-a-uuid").statusCode(404);
        admin.get(v0).body("aliases", contains("latest")).body("tags.size()", equalTo(0))
                .body("links.size()", equalTo(0));
        assertThat(Db.count("SELECT count(*) FROM collection_versions v JOIN collections c ON c.id = v.collection_id "
                + "JOIN registries r ON r.id = c.registry_id JOIN entities e ON e.id = r.entity_id WHERE e.name = '"
                + e + "'")).isZero();
    }

    @Test
    void concurrentCreatesOfOneNameGiveOne201AndOnly409s() throws Exception {
        String name = Api.unique("contended");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> admin.post("/api/v1/entities", Map.of("name", name))
                        .extract().statusCode(), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.count("SELECT count(*) FROM entities WHERE name = '" + name + "'")).isEqualTo(1);
    }

    @Test
    void concurrentCreatesInANewCollectionGetDistinctIndexes() throws Exception {
        String e = admin.entity("race");
        admin.project(e, "p");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> admin.post("/api/v1/entities/" + e
                        + "/projects/p/artifacts", Map.of("collection", "fresh", "type", "model")).statusCode(201)
                        .extract().<Integer>path("versionIndex"), pool));
            }
            List<Integer> indexes = new ArrayList<>();
            for (CompletableFuture<Integer> call : calls) {
                indexes.add(call.get());
            }
            assertThat(indexes).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 16).boxed()
                    .toList());
        } finally {
            pool.shutdownNow();
        }
        admin.get("/api/v1/entities/" + e + "/projects/p/collections/fresh/versions/latest").body("version",
                equalTo("v15"));
        var page = admin.get("/api/v1/entities/" + e + "/projects/p/collections/fresh/versions?limit=10")
                .statusCode(200).body("size()", equalTo(10)).extract();
        admin.get("/api/v1/entities/" + e + "/projects/p/collections/fresh/versions?limit=10&cursor="
                + page.header("X-Next-Cursor")).statusCode(200).body("version", contains("v10", "v11", "v12", "v13",
                        "v14", "v15"));
    }
}
