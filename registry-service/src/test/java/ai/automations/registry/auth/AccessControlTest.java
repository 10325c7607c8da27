package ai.automations.registry.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Users, keys, roles per entity, and the introspection the other services rely on. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class AccessControlTest {

    private static final String TRIGGER_TOKEN = "local-trigger-service-token";

    @Inject
    BootstrapAdmin bootstrap;

    private final Api admin = Api.admin();

    @Test
    void withoutAValidKeyEverythingIs401() {
        given().get("/api/v1/entities").then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer nope").get("/api/v1/entities").then().statusCode(401)
                .body("error", equalTo("UNAUTHORIZED")).body("message", notNullValue());
        given().header("Authorization", "Basic abc").post("/api/v1/users").then().statusCode(401);
        given().get("/api/v1/artifacts/00000000-0000-0000-0000-000000000000").then().statusCode(401);
    }

    @Test
    void onlyTheBootstrapAdminCreatesUsersAndEachKeyIsShownOnce() {
        String name = Api.unique("alice");
        String key = admin.post("/api/v1/users", Map.of("name", name)).statusCode(201)
                .body("name", equalTo(name)).body("id", notNullValue()).body("apiKey", startsWith("ak_"))
                .extract().path("apiKey");
        admin.post("/api/v1/users", Map.of("name", name)).statusCode(409).body("error", equalTo("CONFLICT"));
        admin.post("/api/v1/users", Map.of("name", "bad name")).statusCode(400).body("field", equalTo("name"));
        Api.as(key).post("/api/v1/users", Map.of("name", Api.unique("mallory"))).statusCode(403)
                .body("error", equalTo("FORBIDDEN"));
        Api.as(key).get("/api/v1/users/me").statusCode(200).body("name", equalTo(name))
                .body("admin", equalTo(false));
        Api.as(key).get("/api/v1/api-keys").statusCode(200).body("[0].prefix", equalTo(key.substring(0, 8)))
                .body("[0].apiKey", nullValue());
        assertThat(Db.count("SELECT count(*) FROM api_keys WHERE key_hash = '" + key + "' OR prefix = '" + key
                + "'")).isZero();
    }

    @Test
    void theCreatorOfAnEntityIsItsAdminAndOthersHaveNoAccess() {
        String alice = user("alice");
        String bob = user("bob");
        String e = Api.as(alice).entity("team");
        Api.as(alice).get("/api/v1/users/me").body("roles." + e, equalTo("ADMIN"));
        Api.as(alice).get("/api/v1/entities").body("name", hasItem(e));
        Api.as(bob).get("/api/v1/entities/" + e).statusCode(403).body("error", equalTo("FORBIDDEN"));
        Api.as(bob).get("/api/v1/entities/" + e + "/projects").statusCode(403);
        Api.as(bob).post("/api/v1/entities/" + e + "/projects", Map.of("name", "p")).statusCode(403);
        Api.as(bob).get("/api/v1/entities").body("name", not(hasItem(e)));
        Api.as(alice).project(e, "p");
        String artifact = Api.as(alice).artifact(e, "p", "c", Map.of());
        Api.as(bob).get("/api/v1/artifacts/" + artifact).statusCode(404);
        Api.as(bob).post("/api/v1/artifacts/" + artifact + "/tags", Map.of("tag", "x")).statusCode(404);
        admin.get("/api/v1/artifacts/" + artifact).statusCode(200);
    }

    @Test
    void rolesGateEachEndpointFamily() {
        String owner = user("owner");
        String viewer = user("viewer");
        String member = user("member");
        String e = Api.as(owner).entity("roles");
        Api.as(owner).project(e, "p");
        Api.as(owner).post("/api/v1/entities/" + e + "/members", Map.of("user", name(viewer), "role", "VIEWER"))
                .statusCode(201).body("role", equalTo("VIEWER"));
        Api.as(owner).post("/api/v1/entities/" + e + "/members", Map.of("user", name(member), "role", "VIEWER"))
                .statusCode(201);
        Api.as(owner).post("/api/v1/entities/" + e + "/members", Map.of("user", name(member), "role", "MEMBER"))
                .statusCode(200).body("role", equalTo("MEMBER"));
        String artifact = Api.as(owner).artifact(e, "p", "c", Map.of());
        SecretsDouble.secretExists(e, "TOKEN");
        Map<String, Object> webhook = Map.of("kind", "webhook", "name", "ci", "url", "http://127.0.0.1:9/hook");
        Map<String, Object> noop = Map.of("name", Api.unique("a"), "scope", Map.of("type", "ENTITY"),
                "event", Map.of("type", "ADD_ARTIFACT_TAG", "filter", Map.of("tagRegex", ".*")),
                "action", Map.of("type", "NO_OP"));
        String base = "/api/v1/entities/" + e;

        Api v = Api.as(viewer);
        v.get(base).statusCode(200).body("role", equalTo("VIEWER"));
        v.get(base + "/projects/p/collections/c/versions/v0").statusCode(200);
        v.get("/api/v1/artifacts/" + artifact).statusCode(200);
        v.get(base + "/integrations").statusCode(200);
        v.get(base + "/automations").statusCode(200);
        v.post(base + "/projects", Map.of("name", "q")).statusCode(403);
        v.post(base + "/projects/p/artifacts", Map.of("collection", "c", "type", "model")).statusCode(403);
        v.post(base + "/projects/p/collections/c/versions/v0/tags", Map.of("tag", "t")).statusCode(403);
        v.post("/api/v1/artifacts/" + artifact + "/tags", Map.of("tag", "t")).statusCode(403);
        v.post(base + "/projects/p/runs", Map.of("name", "r")).statusCode(403);
        v.post(base + "/automations", noop).statusCode(403);
        v.post(base + "/integrations", webhook).statusCode(403);
        v.post(base + "/members", Map.of("user", name(viewer), "role", "ADMIN")).statusCode(403);

        Api m = Api.as(member);
        m.post(base + "/projects/p/artifacts", Map.of("collection", "c", "type", "model")).statusCode(201);
        m.post("/api/v1/artifacts/" + artifact + "/tags", Map.of("tag", "t")).statusCode(200);
        m.post(base + "/projects/p/runs", Map.of("name", "r")).statusCode(201);
        m.post(base + "/automations", noop).statusCode(201);
        m.post(base + "/integrations", webhook).statusCode(403);
        m.delete(base + "/integrations/ci").statusCode(403);
        m.post(base + "/members", Map.of("user", name(member), "role", "ADMIN")).statusCode(403);
        m.get(base + "/members").statusCode(403);

        Api o = Api.as(owner);
        o.post(base + "/integrations", webhook).statusCode(201);
        o.get(base + "/members").statusCode(200).body("user", hasItem(name(viewer)));
        o.post(base + "/members", Map.of("user", name(viewer), "role", "OWNER")).statusCode(400)
                .body("field", equalTo("role"));
        o.post(base + "/members", Map.of("user", "nobody-" + e, "role", "VIEWER")).statusCode(404);
        o.delete(base + "/members/" + name(viewer)).statusCode(204);
        v.get(base).statusCode(403);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String first = user("carol");
        String second = Api.as(first).post("/api/v1/api-keys", Map.of()).statusCode(201)
                .body("apiKey", startsWith("ak_")).extract().path("apiKey");
        String id = Api.as(first).get("/api/v1/api-keys").statusCode(200).extract()
                .path("find { it.prefix == '" + second.substring(0, 8) + "' }.id");
        Api.as(second).get("/api/v1/users/me").statusCode(200);
        String other = user("dave");
        Api.as(other).delete("/api/v1/api-keys/" + id).statusCode(404);
        Api.as(second).delete("/api/v1/api-keys/" + id).statusCode(204);
        Api.as(second).get("/api/v1/users/me").statusCode(401);
        Api.as(first).get("/api/v1/users/me").statusCode(200);
        Api.as(first).get("/api/v1/api-keys").body("find { it.id == '" + id + "' }.revokedAt", notNullValue());
    }

    @Test
    void introspectionNeedsAServiceTokenAndAnswersTheCaller() {
        String key = user("erin");
        String e = Api.as(key).entity("intro");
        given().contentType(ContentType.JSON).body(Map.of("apiKey", key)).post("/internal/v1/auth/introspect")
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(Map.of("apiKey", key))
                .post("/internal/v1/auth/introspect").then().statusCode(401);
        given().header("Authorization", "Bearer " + TRIGGER_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("apiKey", key)).post("/internal/v1/auth/introspect").then().statusCode(200)
                .body("name", notNullValue()).body("userId", notNullValue()).body("admin", equalTo(false))
                .body("roles." + e, equalTo("ADMIN"));
        given().header("Authorization", "Bearer " + TRIGGER_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("apiKey", "ak_unknown")).post("/internal/v1/auth/introspect").then().statusCode(401);
        given().header("Authorization", "Bearer " + TRIGGER_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("apiKey", Api.ADMIN_KEY)).post("/internal/v1/auth/introspect").then().statusCode(200)
                .body("name", equalTo("admin")).body("admin", equalTo(true));
    }

    @Test
    void theBootstrapKeyIsHeldByAdminIdempotentlyAndOnlyItsDigestIsStored() {
        bootstrap.ensure(Api.ADMIN_KEY).await().atMost(Duration.ofSeconds(30));
        bootstrap.ensure(Api.ADMIN_KEY).await().atMost(Duration.ofSeconds(30));
        assertThat(Db.count("SELECT count(*) FROM users WHERE name = 'admin' AND admin")).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.name = 'admin'"
                + " AND k.key_hash = '" + ApiKeys.digest(Api.ADMIN_KEY) + "'")).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM api_keys WHERE key_hash = '" + Api.ADMIN_KEY + "' OR prefix LIKE '%"
                + Api.ADMIN_KEY + "%'")).isZero();
        String id = admin.get("/api/v1/api-keys").extract().path("find { it.revokedAt == null }.id");
        try {
            admin.delete("/api/v1/api-keys/" + id).statusCode(204);
            admin.get("/api/v1/users/me").statusCode(401);
        } finally {
            bootstrap.ensure(Api.ADMIN_KEY).await().atMost(Duration.ofSeconds(30));
        }
        admin.get("/api/v1/users/me").statusCode(200).body("admin", equalTo(true));
    }

    /**
     * Keys are served from memory; a change made through another instance (here: the same statements behind this
     * one's back, as another instance runs them) voids that memory when PostgreSQL's notice arrives, long before the
     * memory's time limit (30 s).
     */
    @Test
    void aKeyRevokedThroughAnotherInstanceIsRefusedAsSoonAsItsNoticeArrives() {
        String key = user("erin");
        Api.as(key).get("/api/v1/users/me").statusCode(200);
        Api.as(key).get("/api/v1/users/me").statusCode(200);
        Db.execute("BEGIN; UPDATE api_keys SET revoked_at = now() WHERE key_hash = '" + ApiKeys.digest(key)
                + "'; SELECT pg_notify('" + AuthChanges.CHANNEL + "', 'elsewhere'); COMMIT");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> Api.as(key).get("/api/v1/users/me").extract().statusCode() == 401);
    }

    /** A role given through another instance is in force once its notice arrives. */
    @Test
    void aRoleGivenThroughAnotherInstanceIsInForceAsSoonAsItsNoticeArrives() {
        String viewer = user("frank");
        String e = entityViewedBy(viewer);
        Api.as(viewer).post("/api/v1/entities/" + e + "/projects", Map.of("name", "p")).statusCode(403);
        Db.execute("BEGIN; UPDATE memberships SET role = 'MEMBER' WHERE user_id = (SELECT id FROM users WHERE name = '"
                + name(viewer) + "'); SELECT pg_notify('" + AuthChanges.CHANNEL + "', 'elsewhere'); COMMIT");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> Api.as(viewer).get("/api/v1/entities/" + e).extract().path("role").equals("MEMBER"));
    }

    /** A refusal from the entity permission check says whether the caller has no access or too little. */
    @Test
    void aRefusalSaysWhetherTheCallerHasAnyRoleInTheEntity() {
        String viewer = user("viewer");
        String outsider = user("outsider");
        String e = entityViewedBy(viewer);

        Api.as(outsider).get("/api/v1/entities/" + e + "/projects").statusCode(403)
                .body("error", equalTo("FORBIDDEN")).body("message", equalTo("You have no access to entity '" + e + "'."));
        Api.as(viewer).post("/api/v1/entities/" + e + "/projects", Map.of("name", "p")).statusCode(403)
                .body("error", equalTo("FORBIDDEN"))
                .body("message", equalTo("This needs the MEMBER role in entity '" + e + "'."));
        Api.as(viewer).get("/api/v1/entities/" + e + "/members").statusCode(403)
                .body("message", equalTo("This needs the ADMIN role in entity '" + e + "'."));
    }

    /** The entity permission check comes before the request body is read. */
    @Test
    void aCallerWithoutTheRoleIsRefusedBeforeItsBodyIsRead() {
        String viewer = user("viewer");
        String e = entityViewedBy(viewer);

        Api.as(viewer).request().contentType(ContentType.JSON).body("{not json").post("/api/v1/entities/" + e + "/projects")
                .then().statusCode(403).body("error", equalTo("FORBIDDEN"));
    }

    /** A new entity, created by a new user, in which {@code viewer} is a VIEWER. */
    private static String entityViewedBy(String viewer) {
        Api owner = Api.as(user("owner"));
        String e = owner.entity("perm");
        owner.post("/api/v1/entities/" + e + "/members", Map.of("user", name(viewer), "role", "VIEWER")).statusCode(201);
        return e;
    }

    private static String user(String prefix) {
        return Api.admin().post("/api/v1/users", Map.of("name", Api.unique(prefix))).statusCode(201).extract()
                .path("apiKey");
    }

    private static String name(String key) {
        return Api.as(key).get("/api/v1/users/me").extract().path("name");
    }
}
