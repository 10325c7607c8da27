package ai.automations.trigger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class ServiceHealthTest {

    @Test
    void readyAgainstRealKafkaAndPostgres() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessShowsHowTheDefinitionsTopicIsRead() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'automation-definitions' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'automation-definitions' }.data.'reader-failures'", equalTo(0));
    }

    @Test
    void apiNeedsAnApiKey() {
        given().when().get("/api/v1/entities/acme/anything").then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer not-a-key").when().get("/api/v1/entities/acme/anything")
                .then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
    }

    @Test
    void aKnownKeyGetsPastAuthentication() {
        given().header("Authorization", "Bearer " + RegistryDouble.ADMIN_KEY).when().get("/api/v1/entities/acme/anything")
                .then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }
}
