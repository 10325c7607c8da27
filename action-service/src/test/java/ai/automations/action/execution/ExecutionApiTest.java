package ai.automations.action.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.ReceiverTest;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.action.testing.StandardWebhooksVerifier;
import ai.automations.common.auth.Role;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class ExecutionApiTest extends ReceiverTest {

    private static String key(Role role, String entity) {
        return "Bearer " + RegistryDouble.keyFor(role, entity);
    }

    private AutomationDefinition delivered(String path) {
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        AutomationDefinition automation = webhookAutomation("api", "api", receiver.url(path), null, null, null);
        RegistryStubs.automation(registry, automation, true);
        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        return automation;
    }

    @Test
    void oneExecutionIsVisibleOnlyWithinItsEntity() {
        AutomationDefinition automation = delivered("/hooks/" + Fixtures.unique("visible"));
        String id = Api.awaitExecution(ENTITY, automation.id(), "FINISHED").getString("id");

        given().header("Authorization", key(Role.VIEWER, ENTITY)).get("/api/v1/executions/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("automationId", equalTo(automation.id()))
                .body("status", equalTo("FINISHED")).body("attempts[0].statusCode", equalTo(200));
        given().header("Authorization", key(Role.ADMIN, "globex")).get("/api/v1/executions/{id}", id)
                .then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().get("/api/v1/executions/{id}", id).then().statusCode(401);
        given().header("Authorization", key(Role.ADMIN, ENTITY)).get("/api/v1/executions/{id}", "not-an-id")
                .then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().header("Authorization", key(Role.ADMIN, ENTITY)).get("/api/v1/executions/{id}", UUID.randomUUID())
                .then().statusCode(404);

        given().header("Authorization", key(Role.VIEWER, ENTITY))
                .get("/api/v1/entities/{entity}/automations/{id}/executions", ENTITY, automation.id())
                .then().statusCode(200).body("size()", equalTo(1));
        given().header("Authorization", key(Role.ADMIN, "globex"))
                .get("/api/v1/entities/{entity}/automations/{id}/executions", ENTITY, automation.id())
                .then().statusCode(403).body("error", equalTo("FORBIDDEN"));
        given().header("Authorization", key(Role.ADMIN, "globex"))
                .get("/api/v1/entities/{entity}/automations/{id}/executions", "globex", automation.id())
                .then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", key(Role.VIEWER, ENTITY))
                .get("/api/v1/entities/{entity}/automations/{id}/executions?limit=0", ENTITY, automation.id())
                .then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void historyIsNewestFirst() {
        String path = "/hooks/" + Fixtures.unique("order");
        AutomationDefinition automation = delivered(path);
        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        List<?> both = Await.value("two executions", () -> Api.executions(ENTITY, automation.id()),
                l -> l.size() == 2 && l.stream().allMatch(e -> "FINISHED".equals(((java.util.Map<?, ?>) e).get("status"))));
        JsonPath history = Api.history(ENTITY, automation.id()).jsonPath();
        assertThat(java.time.OffsetDateTime.parse(history.getString("[0].createdAt")))
                .isAfter(java.time.OffsetDateTime.parse(history.getString("[1].createdAt")));
        assertThat(both).hasSize(2);
    }

    @Test
    void redeliveryMakesOneMoreAttemptWithTheSameWebhookId() {
        String path = "/hooks/" + Fixtures.unique("redeliver");
        AutomationDefinition automation = delivered(path);
        JsonPath first = Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        String id = first.getString("id");

        given().header("Authorization", key(Role.VIEWER, ENTITY)).post("/api/v1/executions/{id}/redeliver", id)
                .then().statusCode(403);
        given().header("Authorization", key(Role.MEMBER, ENTITY)).post("/api/v1/executions/{id}/redeliver", id)
                .then().statusCode(202).body("status", equalTo("PENDING")).body("id", equalTo(id));

        List<LoggedRequest> calls = Await.value("the redelivered call", () -> receiver.posts(path), l -> l.size() == 2);
        assertThat(calls.get(1).getHeader("webhook-id")).isEqualTo(calls.get(0).getHeader("webhook-id"))
                .isEqualTo(first.getString("webhookId"));
        JsonPath after = Await.value("the redelivery recorded", () -> Api.awaitExecution(ENTITY, automation.id(), "FINISHED"),
                p -> p.getList("attempts").size() == 2);
        assertThat(after.getBoolean("attempts[1].redelivery")).isTrue();
        assertThat(after.getBoolean("attempts[0].redelivery")).isFalse();
    }

    @Test
    void aPendingExecutionCannotBeRedelivered() {
        String path = "/hooks/" + Fixtures.unique("busy");
        receiver.server().stubFor(post(urlEqualTo(path))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")));
        String integration = Fixtures.unique("busy");
        RegistryStubs.webhookIntegration(registry, ENTITY, integration, receiver.url(path), null, null);
        AutomationDefinition automation = Fixtures.automation(ENTITY, "busy", Fixtures.webhook(integration, null));
        RegistryStubs.automation(registry, automation, true);
        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        JsonPath pending = Await.value("a first failed attempt", () -> Api.awaitExecution(ENTITY, automation.id(), "PENDING"),
                p -> p.getList("attempts").size() == 1);

        given().header("Authorization", key(Role.MEMBER, ENTITY)).post("/api/v1/executions/{id}/redeliver",
                pending.getString("id")).then().statusCode(409).body("error", equalTo("CONFLICT"));
    }

    @Test
    void theTestCallSendsTheGivenPayloadSignedAndReturnsTheRedactedAnswer() {
        String path = "/hooks/" + Fixtures.unique("test-call");
        String tokenName = "TEST_TOKEN_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String signingName = "TEST_SIGNING_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String token = "tok-" + UUID.randomUUID();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String signing = "whsec_" + Base64.getEncoder().encodeToString(raw);
        SecretsDouble.put(ENTITY, tokenName, token);
        SecretsDouble.put(ENTITY, signingName, signing);
        receiver.server().stubFor(post(urlEqualTo(path))
                .willReturn(aResponse().withStatus(202).withBody("accepted, your token is " + token)));
        String integration = Fixtures.unique("test-call");
        RegistryStubs.webhookIntegration(registry, ENTITY, integration, receiver.url(path), tokenName, signingName);

        Response answer = given().header("Authorization", key(Role.ADMIN, ENTITY)).contentType("application/json")
                .body("{\"payload\":{\"t\":\"${ACCESS_TOKEN}\",\"v\":\"${artifact_version_string}\"}}")
                .post("/api/v1/entities/{entity}/integrations/{name}/test", ENTITY, integration);
        answer.then().statusCode(200).body("statusCode", equalTo(202))
                .body("body", equalTo("accepted, your token is ***"));
        assertThat(answer.jsonPath().getString("error")).isNull();
        assertThat(answer.jsonPath().getLong("durationMs")).isGreaterThanOrEqualTo(0);
        assertThat(answer.asString()).doesNotContain(token);

        LoggedRequest call = receiver.posts(path).get(0);
        JsonNode body = Fixtures.json(call.getBodyAsString());
        assertThat(body.get("t").asText()).isEqualTo(token);
        assertThat(body.get("v").asText()).isEqualTo("acme/sample-registry/sample-model:v0");
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + token);
        assertThat(StandardWebhooksVerifier.verifies(signing, call.getHeader("webhook-id"), call.getHeader("webhook-timestamp"),
                call.getBodyAsString(), call.getHeader("webhook-signature"))).isTrue();

        given().header("Authorization", key(Role.ADMIN, ENTITY))
                .post("/api/v1/entities/{entity}/integrations/{name}/test", ENTITY, integration)
                .then().statusCode(200).body("statusCode", equalTo(202));
        assertThat(Fixtures.json(receiver.posts(path).get(1).getBodyAsString()).get("test").asBoolean()).isTrue();

        given().header("Authorization", key(Role.ADMIN, ENTITY)).contentType("application/json").body("{not json")
                .post("/api/v1/entities/{entity}/integrations/{name}/test", ENTITY, integration)
                .then().statusCode(400).body("error", equalTo("BAD_REQUEST"));
        given().header("Authorization", key(Role.MEMBER, ENTITY)).contentType("application/json").body("{}")
                .post("/api/v1/entities/{entity}/integrations/{name}/test", ENTITY, integration)
                .then().statusCode(403);
        given().header("Authorization", key(Role.ADMIN, ENTITY)).contentType("application/json").body("{}")
                .post("/api/v1/entities/{entity}/integrations/{name}/test", ENTITY, "no-such-integration")
                .then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }
}
