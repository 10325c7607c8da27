package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;


/**
 * The foundation's path through all four services: an alias added to a registry collection reaches a webhook,
 * rendered with a secret from secrets-service, over Kafka, and is recorded in the execution history.
 */
class AliasToWebhookIT {

    private static final String TOKEN = "tok-e2e-9f8e7d6c5b4a";
    private static final String HOOK = "/hook";

    @RegisterExtension
    static final WebhookReceiver receiver = WebhookReceiver.on(HOOK);

    private final ApiClient api = ApiClient.admin();

    private JsonNode create(String service, String path, Map<String, ?> body) {
        return api.created(service, path, body);
    }

    @Test
    void productionAliasOnTheWatchedCollectionDeliversOneRenderedWebhook() throws Exception {
        String e = "/api/v1/entities/acme";
        create(ApiClient.REGISTRY, "/api/v1/entities", Map.of("name", "acme"));
        create(ApiClient.REGISTRY, e + "/projects", Map.of("name", "fraud"));
        create(ApiClient.REGISTRY, e + "/registries", Map.of("name", "model"));
        create(ApiClient.REGISTRY, e + "/registries/model/collections", Map.of("name", "fraud-detector", "type", "model"));
        create(ApiClient.REGISTRY, e + "/registries/model/collections", Map.of("name", "churn", "type", "model"));
        create(ApiClient.SECRETS, e + "/secrets", Map.of("name", "CI_TOKEN", "value", TOKEN));
        create(ApiClient.REGISTRY, e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", receiver.url(HOOK), "accessTokenSecret", "CI_TOKEN"));
        String automationId = (create(ApiClient.REGISTRY, e + "/automations", Map.of(
                "name", "deploy-on-production",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "fraud-detector"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "ci", "payload", Map.of(
                        "event", "${event_type}", "version", "${artifact_version_string}",
                        "index", "${artifact_version_index}", "accuracy", "${artifact_metadata.accuracy}",
                        "note", "${alias} by ${event_author}", "token", "${ACCESS_TOKEN}"))))).get("id").asText();
        String sentinelId = (create(ApiClient.REGISTRY, e + "/automations", Map.of(
                "name", "sentinel-on-churn",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "churn"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^sentinel$")),
                "action", Map.of("type", "NO_OP")))).get("id").asText();

        String artifactId = (create(ApiClient.REGISTRY, e + "/projects/fraud/artifacts", Map.of(
                "collection", "fraud-model", "type", "model", "metadata", Map.of("accuracy", 0.93)))).get("id").asText();
        JsonNode link = (create(ApiClient.REGISTRY, e + "/registries/model/collections/fraud-detector/links",
                Map.of("artifactId", artifactId)));
        String version = link.get("version").asText();
        String aliases = e + "/registries/model/collections/fraud-detector/versions/" + version + "/aliases";

        assertThat(api.post(ApiClient.REGISTRY, aliases, Map.of("alias", "staging")).statusCode()).isEqualTo(200);
        long sentAt = System.currentTimeMillis();
        assertThat(api.post(ApiClient.REGISTRY, aliases, Map.of("alias", "production")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.requests(HOOK).size() >= 1);
        List<LoggedRequest> calls = receiver.requests(HOOK);
        LoggedRequest call = calls.get(0);
        System.out.printf("e2e: event->webhook latency %d ms (alias POST to receipt)%n",
                call.getLoggedDate().getTime() - sentAt);
        JsonNode body = ApiClient.read(call.getBodyAsString());
        assertThat(body.get("event").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(body.get("version").asText()).isEqualTo("acme/model/fraud-detector:" + version);
        assertThat(body.get("index").isInt()).isTrue();
        assertThat(body.get("accuracy").asDouble()).isEqualTo(0.93);
        assertThat(body.get("note").asText()).isEqualTo("production by admin");
        assertThat(body.get("token").asText()).isEqualTo(TOKEN);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(call.getHeader("webhook-id")).isNotBlank();
        assertThat(Long.parseLong(call.getHeader("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(120L));
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        assertThat(call.getHeader("User-Agent")).startsWith("automations/");

        String churnArtifact = (create(ApiClient.REGISTRY, e + "/projects/fraud/artifacts", Map.of(
                "collection", "churn-model", "type", "model"))).get("id").asText();
        String churnVersion = (create(ApiClient.REGISTRY, e + "/registries/model/collections/churn/links",
                Map.of("artifactId", churnArtifact))).get("version").asText();
        String churnAliases = e + "/registries/model/collections/churn/versions/" + churnVersion + "/aliases";
        assertThat(api.post(ApiClient.REGISTRY, churnAliases, Map.of("alias", "production")).statusCode()).isEqualTo(200);
        assertThat(api.post(ApiClient.REGISTRY, churnAliases, Map.of("alias", "sentinel")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> executions(sentinelId).size() == 1);

        assertThat(receiver.requests(HOOK)).hasSize(1);
        JsonNode history = executions(automationId);
        assertThat(history).hasSize(1);
        JsonNode execution = history.get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> executions(automationId).get(0).get("status").asText().equals("FINISHED"));
        execution = executions(automationId).get(0);
        assertThat(execution.get("automationId").asText()).isEqualTo(automationId);
        assertThat(execution.get("eventType").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(execution.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(204);
        assertThat(execution.get("request").get("url").asText()).isEqualTo(receiver.url(HOOK));
        assertThat(execution.get("request").get("payload").get("token").asText()).isEqualTo("***");
        assertThat(execution.toString()).doesNotContain(TOKEN);
    }

    private JsonNode executions(String automationId) {
        return api.ok(ApiClient.ACTION, "/api/v1/entities/acme/automations/" + automationId + "/executions");
    }
}
