package ai.automations.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.artifact.ArtifactViews.VersionView;
import ai.automations.registry.collection.CollectionRef;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A GET of a version builds its view from the read's rows directly ({@link VersionStore#view}); a change builds it
 * from the same read through the version's context ({@link VersionViews#view(VersionStore.StoredVersion)}). Both
 * must give the same view for every kind of version, and the GET the same 404s.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class VersionViewTest {

    private final Api admin = Api.admin();

    @Inject
    Pool pool;

    @Inject
    VersionStore store;

    @Inject
    VersionViews views;

    @Test
    void theViewOfAGetIsTheViewOfAChangeForEveryKindOfVersion() {
        String e = admin.entity("view");
        admin.project(e, "p");
        admin.registry(e, "model");
        admin.registry(e, "staging");
        admin.registryCollection(e, "model", "c", "model");
        admin.registryCollection(e, "staging", "s", "model");
        admin.artifact(e, "p", "a", Map.of());
        String id = admin.artifact(e, "p", "a", Map.of("metadata", Map.of("accuracy", 0.93, "nested",
                Map.of("k", List.of(1, 2))), "aliases", List.of("best"), "tags", List.of("baseline", "team=vision"),
                "digest", "sha256:abc", "runId", "run-1"));
        String model = "/api/v1/entities/" + e + "/registries/model/collections/c";
        admin.post(model + "/links", Map.of("artifactId", id, "aliases", List.of("prod", "candidate")))
                .statusCode(201);
        admin.post("/api/v1/entities/" + e + "/registries/staging/collections/s/links", Map.of("artifactId", id))
                .statusCode(201);
        admin.post(model + "/versions/prod/tags", Map.of("tag", "gpu")).statusCode(200);

        List<CollectionRef> refs = List.of(CollectionRef.project(e, "p", "a"), CollectionRef.registry(e, "model", "c"),
                CollectionRef.registry(e, "staging", "s"));
        for (CollectionRef ref : refs) {
            for (String version : List.of("v0", "latest", "v1", "prod", "best")) {
                VersionView direct = pool.withConnection(c -> store.view(c, ref, version))
                        .onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(30));
                VersionView throughContext = pool.withConnection(c -> store.read(c, ref, version))
                        .map(views::view).onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(30));
                assertThat(direct).as("%s %s", ref, version).isEqualTo(throughContext);
            }
        }

        admin.get(model + "/versions/prod").statusCode(200).body("id", equalTo(id)).body("registry", equalTo("model"))
                .body("aliases", contains("latest", "candidate", "prod")).body("tags", contains("gpu"))
                .body("source.versionString", equalTo(e + "/p/a:v1")).body("metadata.accuracy", equalTo(0.93f))
                .body("links.versionString", contains(e + "/model/c:v0", e + "/staging/s:v0"));
    }

    @Test
    void aGetNamesTheFirstMissingPartOfThePath() {
        String e = admin.entity("missing");
        admin.project(e, "p");
        admin.artifact(e, "p", "a", Map.of());
        String p = "/api/v1/entities/" + e + "/projects/";
        admin.get(p + "p/collections/a/versions/v0").statusCode(200);
        admin.get("/api/v1/entities/" + e + "-none/projects/p/collections/a/versions/v0").statusCode(404)
                .body("message", equalTo("No entity '" + e + "-none'."));
        admin.get("/api/v1/entities/" + e + "/registries/r/collections/a/versions/v0").statusCode(404)
                .body("message", equalTo("No registry 'r' in entity '" + e + "'."));
        admin.get(p + "q/collections/a/versions/v0").statusCode(404)
                .body("message", equalTo("No project 'q' in entity '" + e + "'."));
        admin.get(p + "p/collections/b/versions/v0").statusCode(404)
                .body("message", equalTo("No collection 'b' in project 'p'."));
        admin.get(p + "p/collections/a/versions/v1").statusCode(404)
                .body("message", equalTo("No version 'v1' in collection '" + e + "/p/a'."));
        admin.get(p + "p/collections/a/versions/gone").statusCode(404)
                .body("message", equalTo("No version 'gone' in collection '" + e + "/p/a'."));
    }
}
