package ai.automations.action.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Database;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.Receiver;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.automation.ActionSpec.Severity;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.InjectRegistryDouble;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class SlackNotificationTest {

    private static final String ENTITY = "acme";
    private static final String PUBLIC_URL = "https://automations.example.test";
    private static Receiver slack;

    @InjectRegistryDouble
    WireMockServer registry;

    @BeforeAll
    static void startSlack() {
        slack = new Receiver();
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }

    private static String secretName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** An automation posting through a chat.postMessage integration whose API lives under {@code base}. */
    private AutomationDefinition botAutomation(String base, String token, Severity severity) {
        String tokenName = secretName("SLACK_BOT");
        SecretsDouble.put(ENTITY, tokenName, token);
        String integration = Fixtures.unique("slack-bot");
        RegistryStubs.slackIntegration(registry, ENTITY, integration, "#ml-alerts", null, tokenName, slack.url(base));
        AutomationDefinition automation = Fixtures.automation(ENTITY, "loss-watch",
                Fixtures.notification(integration, null, "Loss of ${run_name} is below ${metric_value}", severity));
        RegistryStubs.automation(registry, automation, true);
        return automation;
    }

    private static List<String> fieldTexts(JsonNode message) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : message.at("/attachments/0/blocks")) {
            for (JsonNode field : block.path("fields")) {
                texts.add(field.get("text").asText());
            }
        }
        return texts;
    }

    private static String blockTexts(JsonNode message) {
        StringBuilder texts = new StringBuilder();
        for (JsonNode block : message.at("/attachments/0/blocks")) {
            texts.append(block.path("text").path("text").asText()).append('\n');
            for (JsonNode element : block.path("elements")) {
                texts.append(element.path("text").asText()).append('\n');
            }
        }
        return texts.toString();
    }

    @Test
    void anIncomingWebhookGetsABlockKitMessage() {
        String hookPath = "/services/T000/B000/" + UUID.randomUUID().toString().replace("-", "");
        String hookName = secretName("SLACK_HOOK");
        SecretsDouble.put(ENTITY, hookName, slack.url(hookPath));
        slack.server().stubFor(post(urlEqualTo(hookPath)).willReturn(aResponse().withStatus(200).withBody("ok")));
        String integration = Fixtures.unique("slack-hook");
        RegistryStubs.slackIntegration(registry, ENTITY, integration, "#deploys", hookName, null, null);
        AutomationDefinition automation = Fixtures.automation(ENTITY, "prod-alias",
                Fixtures.notification(integration, "Deploy ${artifact_version_string}", "Alias *${alias}* & more",
                        Severity.ERROR));
        RegistryStubs.automation(registry, automation, true);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        LoggedRequest call = Await.value("the Slack post", () -> slack.posts(hookPath), l -> l.size() == 1).get(0);
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        JsonNode message = Fixtures.json(call.getBodyAsString());
        assertThat(message.has("channel")).isFalse();
        assertThat(message.get("text").asText()).contains("Deploy acme/model/fraud-detector:v3");
        assertThat(message.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Deploy acme/model/fraud-detector:v3");
        assertThat(message.at("/attachments/0/color").asText()).isEqualTo("#e01e5a");
        String texts = blockTexts(message);
        assertThat(texts).contains("Alias *production* &amp; more");
        assertThat(texts).contains("Alias `production` was added to *acme/model/fraud-detector:v3*");
        assertThat(texts).contains("by ana");
        assertThat(fieldTexts(message)).contains("*Event*\nADD_ARTIFACT_ALIAS", "*Version*\nacme/model/fraud-detector:v3",
                "*Alias*\nproduction", "*By*\nana");
        JsonNode button = null;
        for (JsonNode block : message.at("/attachments/0/blocks")) {
            if ("actions".equals(block.path("type").asText())) {
                button = block.at("/elements/0");
            }
        }
        assertThat(button).isNotNull();
        assertThat(button.get("type").asText()).isEqualTo("button");
        assertThat(button.get("url").asText())
                .isEqualTo(PUBLIC_URL + "/api/v1/entities/acme/automations/" + automation.id() + "/executions");

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(execution.getString("request.url")).isEqualTo("***");
        assertThat(execution.getString("request.payload.blocks[0].type")).isEqualTo("header");
        String secretPart = hookPath.substring(hookPath.lastIndexOf('/') + 1);
        assertThat(Api.history(ENTITY, automation.id()).asString()).doesNotContain(secretPart);
        assertThat(Database.executionRowsText(automation.id())).doesNotContain(secretPart);
    }

    @Test
    void chatPostMessageUsesTheBotTokenAndDescribesTheRun() {
        String base = "/" + Fixtures.unique("api");
        String token = "xoxb-" + UUID.randomUUID();
        slack.server().stubFor(post(urlEqualTo(base + "/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));
        AutomationDefinition automation = botAutomation(base, token, Severity.WARN);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.metricEvent(ENTITY)));

        LoggedRequest call = Await.value("the chat.postMessage call", () -> slack.posts(base + "/chat.postMessage"),
                l -> l.size() == 1).get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + token);
        JsonNode message = Fixtures.json(call.getBodyAsString());
        assertThat(message.get("channel").asText()).isEqualTo("#ml-alerts");
        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("loss-watch: RUN_METRIC_THRESHOLD");
        assertThat(message.at("/attachments/0/color").asText()).isEqualTo("#ecb22e");
        assertThat(blockTexts(message)).contains("Loss of resnet-7 is below 0.15").contains("by bo");
        assertThat(fieldTexts(message)).contains("*Event*\nRUN_METRIC_THRESHOLD", "*Run*\nresnet-7 (r-77)", "*Metric*\nloss",
                "*Value*\n0.15", "*By*\nbo");

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(execution.getString("request.url")).isEqualTo(slack.url(base + "/chat.postMessage"));
        assertThat(Api.history(ENTITY, automation.id()).asString()).doesNotContain(token);
    }

    @Test
    void slackOkFalseIsAFailureWithoutRetry() {
        String base = "/" + Fixtures.unique("api");
        slack.server().stubFor(post(urlEqualTo(base + "/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        AutomationDefinition automation = botAutomation(base, "xoxb-" + UUID.randomUUID(), Severity.INFO);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.metricEvent(ENTITY)));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FAILED");
        assertThat(execution.getList("attempts")).hasSize(1);
        assertThat(execution.getInt("attempts[0].statusCode")).isEqualTo(200);
        assertThat(execution.getString("reason")).isEqualTo("Slack error: invalid_auth");
    }

    @Test
    void slackRateLimitingIsRetriedAfterRetryAfter() {
        String base = "/" + Fixtures.unique("api");
        String path = base + "/chat.postMessage";
        String scenario = Fixtures.unique("ratelimited");
        slack.server().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("open"));
        slack.server().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
        AutomationDefinition automation = botAutomation(base, "xoxb-" + UUID.randomUUID(), Severity.INFO);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.metricEvent(ENTITY)));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(execution.getList("attempts")).hasSize(2);
        assertThat(execution.getString("attempts[0].error")).isEqualTo("Slack error: ratelimited");
        List<LoggedRequest> calls = slack.posts(path);
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(950);
    }
}
