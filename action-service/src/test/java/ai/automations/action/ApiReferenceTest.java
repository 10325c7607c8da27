package ai.automations.action;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.testing.DocumentedEndpoints;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * docs/api.md against this service: every endpoint its section documents is served (per {@code /q/openapi}), and
 * each kind of unreadable body (its one body field takes any JSON) gets the contract's 400 without naming a Java type.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class ApiReferenceTest {

    private static final String NO_JAVA = "(?s)(?!.*(ai\\.automations|java\\.|jakarta\\.|com\\.fasterxml|`)).*";
    private static final String PATH = "/api/v1/entities/acme/integrations/ci/test";

    @Test
    void everyDocumentedEndpointIsServed() {
        String openApi = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        List<String> documented = DocumentedEndpoints.of(DocumentedEndpoints.reference(), "action-service");
        assertThat(documented).isNotEmpty();
        assertThat(DocumentedEndpoints.notServed(documented, openApi)).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        post("{not json").body("message", equalTo("The request body is not valid JSON.")).body("field", nullValue());
    }

    @Test
    void anArrayWhereAnObjectIsExpectedIsRefused() {
        post("[1]").body("field", nullValue());
    }

    private static ValidatableResponse post(String body) {
        return given().header("Authorization", "Bearer " + RegistryDouble.ADMIN_KEY)
                .contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(400)
                .body("error", equalTo("BAD_REQUEST"))
                .body("message", not(nullValue())).body("message", matchesPattern(NO_JAVA));
    }
}
