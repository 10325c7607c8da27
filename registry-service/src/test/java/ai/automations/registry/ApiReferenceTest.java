package ai.automations.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.ApiReferenceContract;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/api.md and the error answers to unreadable bodies and bad parameters, against this service. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class ApiReferenceTest extends ApiReferenceContract {

    ApiReferenceTest() {
        super("registry-service", Api.ADMIN_KEY,
                "/api/v1/entities");
    }

    @Test
    void anArrayBodyIsNotTheObjectExpected() {
        badRequest("[{\"name\": \"x\"}]").body("message", equalTo("The request body must be a JSON object."));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        badRequest("{\"name\": {\"first\": 1}}").body("field", equalTo("name"))
                .body("message", equalTo("'name' must be a string."));
    }

    @Test
    void aBadQueryParameterIsNamedAsTheApiNamesIt() {
        String automations = "/api/v1/entities/" + Api.admin().entity("params") + "/automations";
        given().header("Authorization", "Bearer " + Api.ADMIN_KEY).queryParam("enabled", "sometimes")
                .get(automations).then().statusCode(400).body("error", equalTo("BAD_REQUEST"))
                .body("field", equalTo("enabled")).body("message", equalTo("'enabled' must be true or false."));
        given().header("Authorization", "Bearer " + Api.ADMIN_KEY).queryParam("scopeType", "galaxy")
                .get(automations).then().statusCode(400).body("field", equalTo("scopeType"));
        given().header("Authorization", "Bearer " + Api.ADMIN_KEY).queryParam("scopeType", "registry")
                .queryParam("enabled", "true").get(automations).then().statusCode(200);
    }
}
