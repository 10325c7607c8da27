package ai.automations.action.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Database;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.ReceiverTest;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.action.testing.StandardWebhooksVerifier;
import ai.automations.action.testing.WandbVerifier;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class WebhookDeliveryTest extends ReceiverTest {

    /** A fresh integration (with a space in its name) pointing at {@code path}, and an enabled automation using it. */
    private AutomationDefinition automationOn(String path, String payload, String tokenSecret, String signingSecret) {
        AutomationDefinition automation = webhookAutomation("ci deploy", "deploy-on-production", receiver.url(path),
                payload, tokenSecret, signingSecret);
        RegistryStubs.automation(registry, automation, true);
        return automation;
    }

    private static String secretName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void deliversTheRenderedSignedPayloadAndStoresItRedacted() {
        String path = "/hooks/" + Fixtures.unique("signed");
        String tokenName = secretName("CI_TOKEN");
        String signingName = secretName("SIGNING");
        String deployKeyName = secretName("DEPLOY_KEY");
        String token = "tok-" + UUID.randomUUID();
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String signing = "whsec_" + Base64.getEncoder().encodeToString(key);
        String deployKey = "dk-" + UUID.randomUUID();
        SecretsDouble.put(ENTITY, tokenName, token);
        SecretsDouble.put(ENTITY, signingName, signing);
        SecretsDouble.put(ENTITY, deployKeyName, deployKey);
        receiver.server().stubFor(post(urlEqualTo(path))
                .willReturn(aResponse().withStatus(200).withBody("thanks, got " + token)));
        AutomationDefinition automation = automationOn(path, """
                {"event":"${event_type}","version":"${artifact_version_string}","index":"${artifact_version_index}",
                 "accuracy":"${artifact_metadata.accuracy}","token":"${ACCESS_TOKEN}","auth":"key=${%s}",
                 "who":"${event_author}","automation":"${automation_name}","run":"${run_name}","fixed":[1,true]}"""
                .formatted(deployKeyName), tokenName, signingName);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        LoggedRequest call = Await.value("one delivery", () -> receiver.posts(path), list -> list.size() == 1).get(0);
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        assertThat(call.getHeader("User-Agent")).startsWith("automations/");
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + token);
        String id = call.getHeader("webhook-id");
        String timestamp = call.getHeader("webhook-timestamp");
        assertThat(id).startsWith("msg_");
        assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().getEpochSecond() - 120, Instant.now().getEpochSecond() + 5);
        assertThat(StandardWebhooksVerifier.verifies(signing, id, timestamp, call.getBodyAsString(),
                call.getHeader("webhook-signature"))).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(signing, id, timestamp, call.getBodyAsString() + " ",
                call.getHeader("webhook-signature"))).isFalse();

        JsonNode body = Fixtures.json(call.getBodyAsString());
        assertThat(body.get("event").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(body.get("version").asText()).isEqualTo("acme/model/fraud-detector:v3");
        assertThat(body.get("index").isInt()).isTrue();
        assertThat(body.get("index").asInt()).isEqualTo(3);
        assertThat(body.get("accuracy").isNumber()).isTrue();
        assertThat(body.get("token").asText()).isEqualTo(token);
        assertThat(body.get("auth").asText()).isEqualTo("key=" + deployKey);
        assertThat(body.get("who").asText()).isEqualTo("ana");
        assertThat(body.get("automation").asText()).isEqualTo("deploy-on-production");
        assertThat(body.get("run").asText()).isEmpty();
        assertThat(body.get("fixed").toString()).isEqualTo("[1,true]");

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(execution.getString("webhookId")).isEqualTo(id);
        assertThat(execution.getList("attempts")).hasSize(1);
        assertThat(execution.getInt("attempts[0].statusCode")).isEqualTo(200);
        assertThat(execution.getString("attempts[0].error")).isNull();
        assertThat(execution.getString("attempts[0].responseBody")).isEqualTo("thanks, got ***");
        assertThat(execution.getString("request.url")).isEqualTo(receiver.url(path));
        assertThat(execution.getString("request.payload.token")).isEqualTo("***");
        assertThat(execution.getString("request.payload.auth")).isEqualTo("key=***");
        assertThat(execution.getString("request.payload.event")).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(execution.getString("finishedAt")).isNotNull();

        String shown = Api.history(ENTITY, automation.id()).asString();
        String stored = Database.executionRowsText(automation.id());
        String log = readLog();
        for (String secret : List.of(token, deployKey, signing, signing.substring(6))) {
            assertThat(shown).doesNotContain(secret);
            assertThat(stored).doesNotContain(secret);
            assertThat(log).doesNotContain(secret);
        }
        assertThat(stored).contains("***");
    }

    /**
     * {@code "signatureFormat": "wandb"}: the receiver gets W&B's {@code X-Wandb-Signature} (no Standard Webhooks
     * signature) and verifies it unchanged, as a receiver written for W&B does (see {@link WandbVerifier} for the
     * docs it follows: https://docs.wandb.ai/models/automations/create-automations/webhook).
     */
    @Test
    void aWandbIntegrationSendsXWandbSignatureThatAWandbReceiverVerifies() {
        String path = "/hooks/" + Fixtures.unique("wandb");
        String signingName = secretName("WANDB_SIGNING");
        String signing = "wandb-secret-" + UUID.randomUUID();
        SecretsDouble.put(ENTITY, signingName, signing);
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String integration = Fixtures.unique("wandb receiver");
        RegistryStubs.webhookIntegration(registry, ENTITY, integration, receiver.url(path), null, signingName, "wandb");
        AutomationDefinition automation = Fixtures.automation(ENTITY, "wandb-compatible",
                Fixtures.webhook(integration, "{\"event_type\":\"${event_type}\",\"v\":\"${artifact_version_string}\"}"));
        RegistryStubs.automation(registry, automation, true);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        LoggedRequest call = Await.value("one delivery", () -> receiver.posts(path), list -> list.size() == 1).get(0);
        assertThat(call.getHeader("webhook-signature")).isNull();
        assertThat(WandbVerifier.verifies(signing, call.getBody(), call.getHeader("X-Wandb-Signature"))).isTrue();
        assertThat(WandbVerifier.verifies(signing + "x", call.getBody(), call.getHeader("X-Wandb-Signature")))
                .isFalse();
        assertThat(Fixtures.json(call.getBodyAsString()).get("event_type").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(Database.executionRowsText(automation.id())).doesNotContain(signing);
    }

    private static String readLog() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Paths.get("target", "quarkus-test.log"));
        } catch (java.io.IOException e) {
            throw new AssertionError("the test log (quarkus.log.file) is missing", e);
        }
    }

    @Test
    void retriesKeepOneWebhookIdUntilTheEndpointAccepts() {
        String path = "/hooks/" + Fixtures.unique("flaky");
        String scenario = Fixtures.unique("flaky");
        receiver.server().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        receiver.server().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("third"));
        receiver.server().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(204)));
        AutomationDefinition automation = automationOn(path, "{\"v\":\"${artifact_version}\"}", null, null);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        List<LoggedRequest> calls = receiver.posts(path);
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(c -> c.getHeader("webhook-id")).containsOnly(execution.getString("webhookId"));
        assertThat(calls).allSatisfy(c -> assertThat(c.getHeader("Authorization")).isNull());
        assertThat(execution.getList("attempts.statusCode")).containsExactly(503, 500, 204);
        assertThat(execution.getString("attempts[0].error")).isEqualTo("HTTP 503");
    }

    @Test
    void aClientErrorFailsAtOnceWithoutRetry() {
        String path = "/hooks/" + Fixtures.unique("bad-request");
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(400).withBody("no")));
        AutomationDefinition automation = automationOn(path, null, null, null);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FAILED");
        assertThat(execution.getList("attempts")).hasSize(1);
        assertThat(execution.getString("attempts[0].error")).isEqualTo("HTTP 400");
        assertThat(execution.getMap("request.payload")).isEmpty();
        Await.quietly(Duration.ofSeconds(2));
        assertThat(receiver.posts(path)).hasSize(1);
    }

    @Test
    void retryAfterIsHonoured() {
        String path = "/hooks/" + Fixtures.unique("throttled");
        String scenario = Fixtures.unique("throttled");
        receiver.server().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("open"));
        receiver.server().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200)));
        AutomationDefinition automation = automationOn(path, null, null, null);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        assertThat(execution.getList("attempts.statusCode")).containsExactly(429, 200);
        List<LoggedRequest> calls = receiver.posts(path);
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(gap).as("the retry waited for Retry-After (2 s), not the 0.3 s backoff").isGreaterThanOrEqualTo(1950);
    }

    @Test
    void goneDisablesTheIntegration() {
        String path = "/hooks/" + Fixtures.unique("gone");
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(410)));
        AutomationDefinition automation = automationOn(path, null, null, null);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FAILED");
        assertThat(execution.getList("attempts")).hasSize(1);
        assertThat(execution.getString("reason")).contains("410");
        String disable = "/internal/v1/entities/" + ENTITY + "/integrations/"
                + RegistryStubs.encode(automation.action().integration()) + "/disable";
        Await.until("registry-service asked to disable the integration",
                () -> !registry.findAll(postRequestedFor(urlEqualTo(disable))).isEmpty());
        LoggedRequest call = registry.findAll(postRequestedFor(urlEqualTo(disable))).get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + SecretsDouble.SERVICE_TOKEN);
        assertThat(Fixtures.json(call.getBodyAsString()).get("reason").asText()).contains("410");
    }

    @Test
    void finalFailureIsRecordedAndDeadLettered() {
        String path = "/hooks/" + Fixtures.unique("down");
        String tokenName = secretName("DOWN_TOKEN");
        String token = "tok-" + UUID.randomUUID();
        SecretsDouble.put(ENTITY, tokenName, token);
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503).withBody("down " + token)));
        AutomationDefinition automation = automationOn(path, "{\"t\":\"${ACCESS_TOKEN}\"}", tokenName, null);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FAILED");
        assertThat(execution.getList("attempts")).hasSize(4);
        assertThat(execution.getString("reason")).startsWith("gave up after 4 attempts");
        assertThat(receiver.posts(path)).hasSize(4);

        List<ConsumerRecord<String, String>> letters = KafkaTopics.await(Topics.ACTIONS_DLQ, automation.id(), 1,
                Duration.ofSeconds(60));
        assertThat(letters).hasSize(1);
        JsonNode letter = Fixtures.json(letters.get(0).value());
        assertThat(letter.get("executionId").asText()).isEqualTo(execution.getString("id"));
        assertThat(letter.get("reason").asText()).startsWith("gave up after 4 attempts");
        assertThat(letter.get("attempts").asInt()).isEqualTo(4);
        assertThat(letter.at("/request/automation/id").asText()).isEqualTo(automation.id());
        assertThat(letters.get(0).value()).doesNotContain(token);
        assertThat(Database.executionRowsText(automation.id())).doesNotContain(token);
    }

    @Test
    void theSameRequestTwiceMakesOneExecution() {
        String path = "/hooks/" + Fixtures.unique("twice");
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        AutomationDefinition automation = automationOn(path, null, null, null);
        var request = Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production"));
        AutomationDefinition marker = Fixtures.automation(ENTITY, "marker", Fixtures.noOp());
        RegistryStubs.automation(registry, marker, true);

        String value = Fixtures.write(request);
        KafkaTopics.send(Topics.ACTIONS, automation.id(), value);
        KafkaTopics.send(Topics.ACTIONS, automation.id(), value);
        KafkaTopics.send(Topics.ACTIONS, automation.id(), Fixtures.write(Fixtures.request(marker,
                Fixtures.aliasEvent(ENTITY, "production"))));

        Api.awaitExecution(ENTITY, marker.id(), "FINISHED");
        Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        Await.quietly(Duration.ofSeconds(1));
        List<Map<String, Object>> executions = Api.executions(ENTITY, automation.id());
        assertThat(executions).hasSize(1);
        assertThat(receiver.posts(path)).hasSize(1);
    }

    @Test
    void anUnreadableRecordIsDeadLettered() {
        String key = Fixtures.unique("garbage");
        KafkaTopics.send(Topics.ACTIONS, key, "this is not an action request");

        List<ConsumerRecord<String, String>> letters = KafkaTopics.await(Topics.ACTIONS_DLQ, key, 1, Duration.ofSeconds(60));
        assertThat(letters).hasSize(1);
        JsonNode letter = Fixtures.json(letters.get(0).value());
        assertThat(letter.get("reason").asText()).startsWith("unusable action request");
        assertThat(letter.get("raw").asText()).isEqualTo("this is not an action request");
    }
}
