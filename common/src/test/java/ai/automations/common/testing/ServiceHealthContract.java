package ai.automations.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service checks of its health and its front door: ready against the real broker and database, the API
 * refusing a request without a key or with an unknown one, and a known key getting past authentication. A service's
 * test extends this as a {@code @QuarkusTest} with its test resources and adds its own checks.
 */
public abstract class ServiceHealthContract {

    private final String apiKey;

    /** For a service that authenticates API keys through the {@link RegistryDouble}: its admin key. */
    protected ServiceHealthContract() {
        this(RegistryDouble.ADMIN_KEY);
    }

    /** @param apiKey an API key the service knows (it need not be allowed anything) */
    protected ServiceHealthContract(String apiKey) {
        this.apiKey = apiKey;
    }

    @Test
    void readyAgainstRealKafkaAndPostgres() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void apiNeedsAnApiKey() {
        given().when().get("/api/v1/entities/acme/anything").then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer not-a-key").when().get("/api/v1/entities/acme/anything")
                .then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
    }

    @Test
    void aKnownKeyGetsPastAuthentication() {
        given().header("Authorization", "Bearer " + apiKey).when().get("/api/v1/entities/acme/anything")
                .then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }
}
