package ai.automations.action.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.Receiver;
import ai.automations.action.testing.ReceiverTest;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class DeliveryOutcomesTest extends ReceiverTest {

    private AutomationDefinition webhookTo(String path) {
        return webhookAutomation("hook", "outcomes", receiver.url(path), "{\"a\":\"${alias}\"}", null, null);
    }

    @Test
    void aDisabledAutomationIsSkipped() {
        String path = "/hooks/" + Fixtures.unique("disabled");
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        AutomationDefinition automation = webhookTo(path);
        RegistryStubs.automation(registry, automation, false);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "SKIPPED");
        assertThat(execution.getString("reason")).contains("disabled");
        assertThat(execution.getList("attempts")).isEmpty();
        assertThat(execution.getString("finishedAt")).isNotNull();
        assertThat(receiver.posts(path)).isEmpty();
    }

    @Test
    void aDeletedAutomationIsSkipped() {
        String path = "/hooks/" + Fixtures.unique("deleted");
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        AutomationDefinition automation = webhookTo(path);
        RegistryStubs.automationDeleted(registry, automation.id());

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "SKIPPED");
        assertThat(execution.getString("reason")).contains("deleted");
        assertThat(receiver.posts(path)).isEmpty();
    }

    @Test
    void aNoOpIsRecordedAsFinished() {
        AutomationDefinition automation = Fixtures.automation(ENTITY, "just-record", Fixtures.noOp());
        RegistryStubs.automation(registry, automation, true);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(execution.getString("actionType")).isEqualTo("NO_OP");
        assertThat(execution.getString("eventType")).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(execution.getList("attempts")).isEmpty();
        assertThat(execution.getString("request")).isNull();
    }

    @Test
    void aHangingEndpointDoesNotDelayAnotherIntegration() {
        try (Receiver hanging = new Receiver()) {
            String slowPath = "/hooks/" + Fixtures.unique("hanging");
            String fastPath = "/hooks/" + Fixtures.unique("healthy");
            hanging.server().stubFor(post(urlEqualTo(slowPath)).willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
            receiver.server().stubFor(post(urlEqualTo(fastPath)).willReturn(aResponse().withStatus(200)));
            String slowIntegration = Fixtures.unique("hanging");
            RegistryStubs.webhookIntegration(registry, ENTITY, slowIntegration, hanging.url(slowPath), null, null);
            AutomationDefinition slow = Fixtures.automation(ENTITY, "hanging", Fixtures.webhook(slowIntegration, null));
            AutomationDefinition fast = webhookTo(fastPath);
            RegistryStubs.automation(registry, slow, true);
            RegistryStubs.automation(registry, fast, true);

            for (int i = 0; i < 12; i++) {
                KafkaTopics.publish(Fixtures.request(slow, Fixtures.aliasEvent(ENTITY, "production")));
            }
            Await.until("the hanging integration's lane is busy", () -> given().get("/q/metrics").asString()
                    .lines().anyMatch(l -> l.startsWith("automations_delivery_in_flight ") && !l.endsWith(" 0.0")));
            KafkaTopics.publish(Fixtures.request(fast, Fixtures.aliasEvent(ENTITY, "production")));

            JsonPath delivered = Api.awaitExecution(ENTITY, fast.id(), "FINISHED");
            List<Map<String, Object>> stuck = Api.executions(ENTITY, slow.id());
            assertThat(stuck).hasSize(12);
            assertThat(stuck).as("every call to the hanging endpoint is still in flight or queued")
                    .allSatisfy(e -> {
                        assertThat(e.get("status")).isEqualTo("PENDING");
                        assertThat((List<?>) e.get("attempts")).isEmpty();
                    });
            assertThat(delivered.getList("attempts")).hasSize(1);
            List<String> metrics = new ArrayList<>(given().get("/q/metrics").asString().lines().toList());
            assertThat(metrics).anyMatch(l -> l.startsWith("automations_delivery_queue_depth "));
            assertThat(metrics).anyMatch(l -> l.startsWith("automations_deliveries_total{") && l.contains("outcome=\"finished\""));
            assertThat(metrics).anyMatch(l -> l.startsWith("automations_delivery_attempt_seconds_count{"));
        }
    }
}
