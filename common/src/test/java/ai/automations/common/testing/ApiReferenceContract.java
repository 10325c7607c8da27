package ai.automations.common.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * What every service checks against docs/api.md and its own HTTP API: each endpoint its section documents is served
 * (per its {@code /q/openapi}), and each kind of unreadable body gets the contract's 400 without naming a Java type.
 * A service's test extends this as a {@code @QuarkusTest} with its test resources.
 */
public abstract class ApiReferenceContract {

    private static final String NO_JAVA = "(?s)(?!.*(ai\\.automations|java\\.|jakarta\\.|com\\.fasterxml|`)).*";

    private final String service;
    private final String apiKey;
    private final String endpoint;

    /**
     * @param service the service's section in docs/api.md, e.g. {@code registry-service}
     * @param apiKey an API key allowed to call {@code endpoint}
     * @param endpoint an endpoint that takes a JSON object body with {@code POST}
     */
    protected ApiReferenceContract(String service, String apiKey, String endpoint) {
        this.service = service;
        this.apiKey = apiKey;
        this.endpoint = endpoint;
    }

    @Test
    void everyDocumentedEndpointIsServed() {
        String openApi = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        List<String> documented = DocumentedEndpoints.of(DocumentedEndpoints.reference(), service);
        assertThat(documented).isNotEmpty();
        assertThat(DocumentedEndpoints.notServed(documented, openApi)).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        badRequest("{not json").body("message", equalTo("The request body is not valid JSON."))
                .body("field", nullValue());
    }

    @Test
    void anArrayWhereAnObjectIsExpectedIsRefused() {
        badRequest("[1]");
    }

    /** POSTs {@code body} to the endpoint: a 400 {@code BAD_REQUEST} whose message names no Java type. */
    protected ValidatableResponse badRequest(String body) {
        return badRequest(endpoint, body);
    }

    /** POSTs {@code body} to {@code path}: a 400 {@code BAD_REQUEST} whose message names no Java type. */
    protected ValidatableResponse badRequest(String path, String body) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(400).body("error", equalTo("BAD_REQUEST"))
                .body("message", not(nullValue())).body("message", matchesPattern(NO_JAVA));
    }
}
