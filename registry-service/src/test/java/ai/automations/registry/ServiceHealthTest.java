package ai.automations.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.ServiceHealthContract;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class ServiceHealthTest extends ServiceHealthContract {

    ServiceHealthTest() {
        super(Api.ADMIN_KEY);
    }

    /** A caller without a key must not be able to add one metric series per path it makes up. */
    @Test
    void refusedRequestsAreCountedWithoutTheirPath() {
        String madeUp = "made-up-" + UUID.randomUUID();
        given().when().get("/api/v1/entities/" + madeUp).then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").when().post("/api/v1/" + madeUp).then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").when().get("/internal/v1/" + madeUp).then().statusCode(401);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("status=\"401\",uri=\"/api/{unauthenticated}\"")
                    .contains("status=\"401\",uri=\"/internal/{unauthenticated}\"")
                    .doesNotContain(madeUp);
        });
    }
}
