package ai.automations.secrets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

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

    /** A request that no resource method takes (here 405) is counted without its path, which the caller made up. */
    @Test
    void unroutedRequestsAreCountedWithoutTheirPath() {
        String madeUp = "MADE_UP_" + UUID.randomUUID().toString().replace("-", "");
        given().header("Authorization", "Bearer " + RegistryDouble.ADMIN_KEY).contentType("application/json").body("{}")
                .when().patch("/api/v1/entities/acme/secrets/" + madeUp).then().statusCode(405);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("status=\"405\",uri=\"/{unrouted}\"").doesNotContain(madeUp);
        });
    }
}
