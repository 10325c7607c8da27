package ai.automations.action.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.action.integration.AutomationStates.State;
import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.ReceiverTest;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The state checked before each execution follows {@code automation.definitions}: registry-service is only asked
 * about automations the topic has not shown. Each test makes registry-service answer the opposite of the topic, so
 * the outcome tells which source was used.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class AutomationStatesTest extends ReceiverTest {

    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    AutomationStates states;

    @Test
    void anAutomationDisabledOnTheTopicIsSkippedThoughRegistryWouldSayEnabled() {
        String path = "/hooks/" + Fixtures.unique("topic-disabled");
        AutomationDefinition automation = webhookTo(path);
        RegistryStubs.automation(registry, automation, true);

        KafkaTopics.send(Topics.DEFINITIONS, automation.id(), Fixtures.write(withEnabled(automation, false)));
        awaitState(automation.id(), State.DISABLED);

        assertSkipped(automation, path, "disabled");
    }

    @Test
    void anAutomationDeletedOnTheTopicIsSkippedThoughRegistryWouldSayEnabled() {
        String path = "/hooks/" + Fixtures.unique("topic-deleted");
        AutomationDefinition automation = webhookTo(path);
        RegistryStubs.automation(registry, automation, true);

        KafkaTopics.send(Topics.DEFINITIONS, automation.id(), Fixtures.write(automation));
        KafkaTopics.send(Topics.DEFINITIONS, automation.id(), null);
        awaitState(automation.id(), State.DELETED);

        assertSkipped(automation, path, "deleted");
    }

    @Test
    void anAutomationEnabledOnTheTopicIsDeliveredWhileRegistryIsDown() {
        String path = "/hooks/" + Fixtures.unique("topic-enabled");
        AutomationDefinition automation = webhookTo(path);
        registry.stubFor(get(urlEqualTo("/internal/v1/automations/" + automation.id()))
                .willReturn(aResponse().withStatus(503)));

        KafkaTopics.send(Topics.DEFINITIONS, automation.id(), Fixtures.write(withEnabled(automation, false)));
        awaitState(automation.id(), State.DISABLED);
        KafkaTopics.send(Topics.DEFINITIONS, automation.id(), Fixtures.write(automation));
        awaitState(automation.id(), State.ENABLED);
        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(receiver.posts(path)).hasSize(1);
    }

    @Test
    void anAutomationTheTopicHasNotShownIsAskedOfRegistry() {
        AutomationDefinition automation = Fixtures.automation(ENTITY, "unseen", Fixtures.noOp());
        RegistryStubs.automation(registry, automation, false);
        assertThat(states.state(automation.id()).await().atMost(STATE_TIMEOUT)).isEqualTo(State.DISABLED);

        RegistryStubs.automationDeleted(registry, automation.id());
        assertThat(states.state(automation.id()).await().atMost(STATE_TIMEOUT)).isEqualTo(State.DELETED);
    }

    private AutomationDefinition webhookTo(String path) {
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        return webhookAutomation("hook", "topic-state", receiver.url(path), "{\"a\":\"${alias}\"}", null, null);
    }

    private void assertSkipped(AutomationDefinition automation, String path, String reason) {
        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "SKIPPED");
        assertThat(execution.getString("reason")).contains(reason);
        assertThat(receiver.posts(path)).isEmpty();
    }

    private void awaitState(String automationId, State expected) {
        Await.value("automation " + automationId + " to be " + expected + " from the definitions topic",
                () -> states.state(automationId).await().atMost(STATE_TIMEOUT), state -> state == expected);
    }

    private static AutomationDefinition withEnabled(AutomationDefinition automation, boolean enabled) {
        return new AutomationDefinition(automation.id(), automation.entity(), automation.name(),
                automation.description(), enabled, automation.scope(), automation.event(), automation.action(),
                automation.createdBy(), automation.createdAt(), automation.updatedAt());
    }
}
