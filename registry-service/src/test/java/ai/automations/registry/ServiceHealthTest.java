package ai.automations.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class ServiceHealthTest {

    @Test
    void readyAgainstRealKafkaAndPostgres() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void apiNeedsAnApiKey() {
        given().when().get("/api/v1/entities/acme/anything").then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
    }
}
