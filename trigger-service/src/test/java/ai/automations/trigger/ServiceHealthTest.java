package ai.automations.trigger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.ServiceHealthContract;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class ServiceHealthTest extends ServiceHealthContract {

    @Test
    void readinessShowsHowTheDefinitionsTopicIsRead() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'automation-definitions' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'automation-definitions' }.data.'reader-failures'", equalTo(0));
    }
}
