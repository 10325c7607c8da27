package ai.automations.trigger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consumer lag the chart's dashboard and alert read (kafka_consumer_fetch_manager_records_lag_max) is on
 * /q/metrics: Quarkus' Micrometer binder instruments the Kafka consumers of the service's channels.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class KafkaConsumerMetricsTest {

    @Test
    void theConsumersLagIsExported() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("kafka_consumer_fetch_manager_records_lag_max{"));
    }
}
