package ai.automations.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.artifact.ArtifactViews.VersionView;
import ai.automations.registry.collection.CollectionRef;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A tag or alias add locates its version before taking the collection's lock, then changes it by id. These tests
 * commit a change between the two (the window a concurrent request has) and check that what the add writes, answers
 * and emits is the state under the lock: a change committed meanwhile is in the event, an alias that moved meanwhile
 * sends the add to the version it names now, and a version unlinked meanwhile is a 404 with nothing written.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class AddAfterLocateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ArtifactService service;

    @Inject
    VersionStore store;

    @Inject
    Pool pool;

    private final Api admin = Api.admin();

    @Test
    void aTagAddedBetweenLocateAndLockIsInTheAddsEventAndAnswer() {
        String e = admin.entity("locate-tags");
        admin.project(e, "p");
        String id = admin.artifact(e, "p", "c", Map.of());
        String collectionId = admin.get("/api/v1/artifacts/" + id).extract().path("collectionId");
        CollectionRef ref = CollectionRef.project(e, "p", "c");
        String v0 = "/api/v1/entities/" + e + "/projects/p/collections/c/versions/v0";

        VersionStore.Located before = store.locate(pool, ref, "v0").await().atMost(WAIT);
        admin.post(v0 + "/tags", Map.of("tag", "meanwhile")).statusCode(200);
        admin.post(v0 + "/aliases", Map.of("alias", "staging")).statusCode(200);
        VersionView view = onRequestContext(() -> service.addTag("admin", ref, "v0", "mine", before));

        assertThat(view.tags()).containsExactly("meanwhile", "mine");
        assertThat(view.aliases()).containsExactly("latest", "staging");
        JsonNode added = eventOf(collectionId, e, "ADD_ARTIFACT_TAG", "mine");
        assertThat(added.get("tags").toString()).isEqualTo("[\"meanwhile\",\"mine\"]");
        assertThat(added.get("aliases").toString()).isEqualTo("[\"latest\",\"staging\"]");
        assertThat(added.get("versionString").asText()).isEqualTo(e + "/p/c:v0");
    }

    @Test
    void anAliasThatMovedBetweenLocateAndLockTakesTheFallbackToTheVersionItNamesNow() {
        String e = admin.entity("locate-moved");
        admin.project(e, "p");
        String first = admin.artifact(e, "p", "c", Map.of("aliases", List.of("prod")));
        admin.artifact(e, "p", "c", Map.of());
        String collectionId = admin.get("/api/v1/artifacts/" + first).extract().path("collectionId");
        CollectionRef ref = CollectionRef.project(e, "p", "c");
        String versions = "/api/v1/entities/" + e + "/projects/p/collections/c/versions/";

        VersionStore.Located tagging = store.locate(pool, ref, "prod").await().atMost(WAIT);
        VersionStore.Located aliasing = store.locate(pool, ref, "prod").await().atMost(WAIT);
        assertThat(tagging.context().version().versionIndex).isZero();
        admin.post(versions + "v1/aliases", Map.of("alias", "prod")).statusCode(200);

        VersionView tagged = onRequestContext(() -> service.addTag("admin", ref, "prod", "moved-tag", tagging));
        VersionView aliased = onRequestContext(() -> service.addAlias("admin", ref, "prod", "gold", aliasing));

        assertThat(tagged.versionIndex()).isEqualTo(1);
        assertThat(tagged.tags()).containsExactly("moved-tag");
        assertThat(aliased.versionIndex()).isEqualTo(1);
        assertThat(aliased.aliases()).containsExactly("latest", "gold", "prod");
        admin.get(versions + "v0").body("tags", empty()).body("aliases", empty());
        admin.get(versions + "v1").body("tags", contains("moved-tag")).body("aliases", contains("latest", "gold",
                "prod"));
        JsonNode tagEvent = eventOf(collectionId, e, "ADD_ARTIFACT_TAG", "moved-tag");
        assertThat(tagEvent.get("versionIndex").asInt()).isEqualTo(1);
        assertThat(tagEvent.get("tags").toString()).isEqualTo("[\"moved-tag\"]");
        JsonNode aliasEvent = eventOf(collectionId, e, "ADD_ARTIFACT_ALIAS", "gold");
        assertThat(aliasEvent.get("versionIndex").asInt()).isEqualTo(1);
        assertThat(aliasEvent.get("aliases").toString()).isEqualTo("[\"latest\",\"gold\",\"prod\"]");
    }

    @Test
    void aVersionUnlinkedBetweenLocateAndLockIsNotFoundAndNothingIsWritten() {
        String e = admin.entity("locate-unlinked");
        admin.project(e, "p");
        admin.registry(e, "r");
        admin.registryCollection(e, "r", "c", "model");
        String a = admin.artifact(e, "p", "src", Map.of());
        String b = admin.artifact(e, "p", "src", Map.of());
        String coll = "/api/v1/entities/" + e + "/registries/r/collections/c";
        String collectionId = admin.post(coll + "/links", Map.of("artifactId", a)).statusCode(201).extract()
                .path("collectionId");
        admin.post(coll + "/links", Map.of("artifactId", b)).statusCode(201);
        CollectionRef ref = CollectionRef.registry(e, "r", "c");

        VersionStore.Located before = store.locate(pool, ref, "v0").await().atMost(WAIT);
        admin.delete(coll + "/links/v0").statusCode(204);

        assertThatThrownBy(() -> onRequestContext(() -> service.addTag("admin", ref, "v0", "late", before)))
                .isInstanceOfSatisfying(ApiException.class, failure -> assertThat(failure.status()).isEqualTo(404))
                .hasMessage("No version 'v0' in collection '" + e + "/r/c'.");
        assertThatThrownBy(() -> onRequestContext(() -> service.addAlias("admin", ref, "v0", "late", before)))
                .isInstanceOfSatisfying(ApiException.class, failure -> assertThat(failure.status()).isEqualTo(404));
        assertThat(ArtifactEventsTest.eventsOf(collectionId, e)).extracting(ev -> ev.get("type").asText())
                .containsExactly("ai.automations.LINK_ARTIFACT", "ai.automations.LINK_ARTIFACT",
                        "ai.automations.UNLINK_ARTIFACT");
        assertThat(pool.preparedQuery("SELECT count(*) FROM version_tags WHERE tag = 'late'").execute()
                .await().atMost(WAIT).iterator().next().getLong(0)).isZero();
    }

    @Test
    void locateAnswersTheSame404sAsTheRead() {
        String e = admin.entity("locate-404");
        admin.project(e, "p");
        admin.artifact(e, "p", "c", Map.of());
        for (CollectionRef ref : List.of(CollectionRef.project("no-such-entity", "p", "c"),
                CollectionRef.project(e, "no-such-project", "c"), CollectionRef.project(e, "p", "no-such-collection"),
                CollectionRef.registry(e, "no-such-registry", "c"), CollectionRef.project(e, "p", "c"))) {
            for (String version : List.of("v7", "no-such-alias")) {
                Throwable read = catchFailure(() -> store.read(pool, ref, version).await().atMost(WAIT));
                Throwable located = catchFailure(() -> store.locate(pool, ref, version).await().atMost(WAIT));
                assertThat(located).isInstanceOf(ApiException.class).hasMessage(read.getMessage());
                assertThat(((ApiException) located).status()).isEqualTo(404);
            }
        }
        admin.get("/api/v1/entities/" + e + "/projects/p/collections/c/versions/v0").body("version", equalTo("v0"));
    }

    /** Runs a service call as a request does: on a duplicated Vert.x context (events read the trace from it). */
    private static <T> T onRequestContext(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static Throwable catchFailure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException failure) {
            return failure;
        }
        throw new AssertionError("expected a failure");
    }

    /** The data of the one event of {@code type} adding {@code value} (a tag or an alias) in the collection. */
    private static JsonNode eventOf(String collectionId, String entity, String type, String value) {
        List<JsonNode> matching = ArtifactEventsTest.eventsOf(collectionId, entity).stream()
                .filter(ev -> ev.get("type").asText().endsWith(type))
                .map(ev -> ev.get("data"))
                .filter(data -> value.equals(data.path("tag").asText()) || value.equals(data.path("alias").asText()))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
