package ai.automations.action.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.action.deadletter.DeadLetterBacklog;

import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.ReceiverTest;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The meters the chart's dashboard and alerts read are exported on /q/metrics under the names they use: the
 * event-to-delivery latency histogram, the dead-letter count and the DLQ size (what the topic retains).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class DeliveryMetricsTest extends ReceiverTest {

    @Inject
    DeadLetterBacklog backlog;

    /** Delivers one event to a receiver answering {@code status}; returns once the execution is {@code outcome}. */
    private void deliverTo(int status, String name, String outcome) {
        String path = "/hooks/" + Fixtures.unique(name);
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
        AutomationDefinition automation = webhookAutomation("metrics", name, receiver.url(path), null, null, null);
        RegistryStubs.automation(registry, automation, true);
        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        Api.awaitExecution(ENTITY, automation.id(), outcome);
    }

    @Test
    void aSuccessfulDeliveryIsTimedFromItsEventAsAHistogram() {
        double before = sum("automations_event_to_delivery_seconds_count{kind=\"webhook\"");
        deliverTo(200, "timed", "FINISHED");

        Await.until("the delivery is counted in the event-to-delivery timer",
                () -> sum("automations_event_to_delivery_seconds_count{kind=\"webhook\"") >= before + 1);
        assertThat(scrape()).contains("automations_event_to_delivery_seconds_bucket{kind=\"webhook\",le=\"+Inf\"}");
    }

    @Test
    void aDeadLetterIsCounted() {
        double before = sum("automations_dead_letters_total");
        deliverTo(400, "dead", "FAILED");

        Await.until("the dead letter is counted", () -> sum("automations_dead_letters_total") >= before + 1);
    }

    @Test
    void theDlqSizeIsWhatTheTopicRetains() {
        long before = backlog.measure().await().atMost(java.time.Duration.ofSeconds(60));
        deliverTo(400, "retained", "FAILED");

        Await.until("the dead letter is retained on the topic",
                () -> backlog.measure().await().atMost(java.time.Duration.ofSeconds(60)) >= before + 1);
        Await.until("the gauge shows the topic's size", () -> backlog.size() >= before + 1
                && sum("automations_dead_letters_backlog") == backlog.size());
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of the samples whose line starts with {@code series} (a name, or a name and its first labels). */
    private static double sum(String series) {
        return scrape().lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
