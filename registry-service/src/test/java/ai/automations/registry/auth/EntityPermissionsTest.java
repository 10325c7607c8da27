package ai.automations.registry.auth;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The entity permission checks on {@code /api/v1/entities/{entity}}: a refusal says whether the caller has no access
 * to the entity or too little of it, in the contract's error body, and comes before the request body is read.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class EntityPermissionsTest {

    @Test
    void aRefusalSaysWhetherTheCallerHasAnyRoleInTheEntity() {
        String owner = user("owner");
        String viewer = user("viewer");
        String outsider = user("outsider");
        String e = Api.as(owner).entity("perm");
        Api.as(owner).post("/api/v1/entities/" + e + "/members", Map.of("user", name(viewer), "role", "VIEWER"))
                .statusCode(201);

        Api.as(outsider).get("/api/v1/entities/" + e + "/projects").statusCode(403)
                .body("error", equalTo("FORBIDDEN")).body("message", equalTo("You have no access to entity '" + e + "'."));
        Api.as(viewer).post("/api/v1/entities/" + e + "/projects", Map.of("name", "p")).statusCode(403)
                .body("error", equalTo("FORBIDDEN"))
                .body("message", equalTo("This needs the MEMBER role in entity '" + e + "'."));
        Api.as(viewer).get("/api/v1/entities/" + e + "/members").statusCode(403)
                .body("message", equalTo("This needs the ADMIN role in entity '" + e + "'."));
    }

    @Test
    void aCallerWithoutTheRoleIsRefusedBeforeItsBodyIsRead() {
        String owner = user("owner");
        String viewer = user("viewer");
        String e = Api.as(owner).entity("perm");
        Api.as(owner).post("/api/v1/entities/" + e + "/members", Map.of("user", name(viewer), "role", "VIEWER"))
                .statusCode(201);

        Api.as(viewer).request().contentType(ContentType.JSON).body("{not json").post("/api/v1/entities/" + e + "/projects")
                .then().statusCode(403).body("error", equalTo("FORBIDDEN"));
    }

    private static String user(String prefix) {
        return Api.admin().post("/api/v1/users", Map.of("name", Api.unique(prefix))).statusCode(201).extract()
                .path("apiKey");
    }

    private static String name(String key) {
        return Api.as(key).get("/api/v1/users/me").extract().path("name");
    }
}
