package ai.automations.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * External registries as event sources, through the whole suite and its front door: an MLflow server's webhook and a
 * Hugging Face Hub webhook, built and signed exactly as they send them, become registry changes whose events fire
 * automations over Kafka, with execution history. MLflow's format: mlflow/webhooks/delivery.py
 * ({@code _send_webhook_request}, {@code _generate_hmac_signature}), mlflow/webhooks/constants.py (headers) and
 * mlflow/webhooks/types.py (data); the Hub's: docs/hub/webhooks.md of huggingface/hub-docs.
 */
class SourcesIT {

    private static final String DOOR = Suite.CONSOLE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MLFLOW_SECRET = "mlflow-e2e-signing-8d2f";
    private static final String HUB_SECRET = "hub-e2e-secret-41ac";

    private static Suite suite;
    @RegisterExtension
    static final WebhookReceiver receiver = WebhookReceiver.on("/deploy", "/convert");

    @BeforeAll
    static void start() {
        suite = Suite.get();
    }

    @Test
    void anMlflowChampionAliasOnVersion3FiresTheAutomationOnce() throws Exception {
        String entity = "mlsrc-" + UUID.randomUUID().toString().substring(0, 8);
        String e = "/api/v1/entities/" + entity;
        create("/api/v1/entities", Map.of("name", entity));
        create(e + "/registries", Map.of("name", "model"));
        create(e + "/secrets", Map.of("name", "MLFLOW_WEBHOOK_SECRET", "value", MLFLOW_SECRET));
        String receiverPath = JSON.readTree(create(e + "/sources", Map.of("kind", "mlflow", "name", "mlflow-prod",
                "registry", "model", "secret", "MLFLOW_WEBHOOK_SECRET"))).get("receiverPath").asText();

        mlflow(receiverPath, "registered_model", "created",
                "{\"name\": \"fraud\", \"tags\": {}, \"description\": \"Fraud detector\"}").then().statusCode(200);
        create(e + "/integrations", Map.of("kind", "webhook", "name", "deploy", "url", receiver.url("/deploy")));
        String automationId = JSON.readTree(create(e + "/automations", Map.of(
                "name", "deploy-champion",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "fraud"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^champion$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "deploy", "payload", Map.of(
                        "model", "${artifact_collection_name}", "version", "${artifact_version}",
                        "mlflowVersion", "${artifact_metadata.mlflow_version}",
                        "run", "${artifact_metadata.run_id}", "alias", "${alias}"))))).get("id").asText();
        String sentinelId = JSON.readTree(create(e + "/automations", Map.of(
                "name", "sentinel",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "fraud"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^sentinel$")),
                "action", Map.of("type", "NO_OP")))).get("id").asText();

        mlflow(receiverPath, "model_version", "created", "{\"name\": \"fraud\", \"version\": \"3\", \"source\": "
                + "\"models:/m-0a1b2c\", \"run_id\": \"9f8e7d6c5b4a39281706f5e4d3c2b1a0\", \"tags\": {}, "
                + "\"description\": null}").then().statusCode(200);

        // A delivery with a wrong signature changes nothing; the real one fires; MLflow's retry of it is a replay.
        String alias = payload("model_version_alias", "created",
                "{\"name\": \"fraud\", \"alias\": \"champion\", \"version\": \"3\"}");
        String deliveryId = UUID.randomUUID().toString();
        String now = Long.toString(System.currentTimeMillis() / 1000);
        signed(receiverPath, deliveryId, now, sign("wrong-secret", deliveryId, now, alias), alias).then()
                .statusCode(401);
        signed(receiverPath, deliveryId, now, sign(MLFLOW_SECRET, deliveryId, now, alias), alias).then()
                .statusCode(200);
        signed(receiverPath, deliveryId, now, sign(MLFLOW_SECRET, deliveryId, now, alias), alias).then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.requests("/deploy").size() >= 1);
        LoggedRequest call = receiver.requests("/deploy").get(0);
        JsonNode body = JSON.readTree(call.getBodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("fraud");
        assertThat(body.get("version").asText()).isEqualTo("v3");
        assertThat(body.get("mlflowVersion").asInt()).isEqualTo(3);
        assertThat(body.get("run").asText()).isEqualTo("9f8e7d6c5b4a39281706f5e4d3c2b1a0");
        assertThat(body.get("alias").asText()).isEqualTo("champion");

        mlflow(receiverPath, "model_version_alias", "created",
                "{\"name\": \"fraud\", \"alias\": \"sentinel\", \"version\": \"3\"}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> executions(e, sentinelId).size() == 1);
        assertThat(receiver.requests("/deploy")).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> executions(e, automationId).size() == 1
                && executions(e, automationId).get(0).get("status").asText().equals("FINISHED"));
        assertThat(executions(e, automationId).get(0).get("eventType").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
    }

    @Test
    void aHubPushToAModelRepoFiresCreateArtifact() throws Exception {
        String entity = "hubsrc-" + UUID.randomUUID().toString().substring(0, 8);
        String e = "/api/v1/entities/" + entity;
        create("/api/v1/entities", Map.of("name", entity));
        create(e + "/registries", Map.of("name", "hub"));
        create(e + "/secrets", Map.of("name", "HF_WEBHOOK_SECRET", "value", HUB_SECRET));
        String receiverPath = JSON.readTree(create(e + "/sources", Map.of("kind", "huggingface", "name", "hf",
                "registry", "hub", "secret", "HF_WEBHOOK_SECRET"))).get("receiverPath").asText();
        create(e + "/integrations", Map.of("kind", "webhook", "name", "convert", "url",
                receiver.url("/convert")));
        String automationId = JSON.readTree(create(e + "/automations", Map.of(
                "name", "convert-new-commits",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "project", "hf", "collection", "acme-ml--fraud-bert"),
                "event", Map.of("type", "CREATE_ARTIFACT"),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "convert", "payload", Map.of(
                        "event", "${event_type}", "repo", "${artifact_metadata.repo}",
                        "sha", "${artifact_metadata.sha}", "version", "${artifact_version}"))))).get("id").asText();

        String sha = "575db8b7a51b6f85eb06eee540738584589f131c";
        String push = """
                {"event": {"action": "update", "scope": "repo.content"},
                 "repo": {"type": "model", "name": "acme-ml/fraud-bert", "id": "6366c000a2abcdf2fd69a080",
                          "private": false,
                          "url": {"web": "https://huggingface.co/acme-ml/fraud-bert",
                                  "api": "https://huggingface.co/api/models/acme-ml/fraud-bert"},
                          "headSha": "%s", "tags": ["license:other"], "owner": {"id": "61d2000c3c2083e1c08af22d"}},
                 "updatedRefs": [{"ref": "refs/heads/main", "oldSha": "ce9a4674fa833a68d5a73ec355f0ea95eedd60b7",
                                  "newSha": "%s"}],
                 "webhook": {"id": "6390e855e30d9209411de93b", "version": 3}}""".formatted(sha, sha);
        hub(receiverPath, "not-the-secret", push).then().statusCode(401);
        hub(receiverPath, HUB_SECRET, push).then().statusCode(200);
        hub(receiverPath, HUB_SECRET, push).then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.requests("/convert").size() >= 1);
        JsonNode body = JSON.readTree(receiver.requests("/convert").get(0)
                .getBodyAsString());
        assertThat(body.get("event").asText()).isEqualTo("CREATE_ARTIFACT");
        assertThat(body.get("repo").asText()).isEqualTo("acme-ml/fraud-bert");
        assertThat(body.get("sha").asText()).isEqualTo(sha);
        assertThat(body.get("version").asText()).isEqualTo("v0");
        await().atMost(Duration.ofSeconds(30)).until(() -> executions(e, automationId).size() == 1
                && executions(e, automationId).get(0).get("status").asText().equals("FINISHED"));
        Response versions = api().get(e + "/registries/hub/collections/acme-ml--fraud-bert/versions");
        assertThat(JSON.readTree(versions.asString()).findValuesAsText("digest")).isEqualTo(List.of(sha));
    }

    private static RequestSpecification api() {
        return given().baseUri(suite.url(DOOR)).header("Authorization", "Bearer " + suite.adminKey())
                .contentType(ContentType.JSON);
    }

    private static String create(String path, Map<String, ?> body) {
        Response response = api().body(body).post(path);
        assertThat(response.statusCode()).as("POST %s -> %s", path, response.asString()).isEqualTo(201);
        return response.asString();
    }

    private static JsonNode executions(String e, String automationId) throws Exception {
        Response response = api().get(e + "/automations/" + automationId + "/executions");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    /** The body MLflow sends: {@code json.dumps({"entity", "action", "timestamp", "data"})}. */
    private static String payload(String entity, String action, String data) {
        return "{\"entity\": \"" + entity + "\", \"action\": \"" + action + "\", \"timestamp\": \""
                + "2026-12-01T10:15:30.123456+00:00\", \"data\": " + data + "}";
    }

    private static Response mlflow(String path, String entity, String action, String data) {
        String body = payload(entity, action, data);
        String deliveryId = UUID.randomUUID().toString();
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return signed(path, deliveryId, timestamp, sign(MLFLOW_SECRET, deliveryId, timestamp, body), body);
    }

    /** No API key: the receiver is authenticated by MLflow's signature alone. */
    private static Response signed(String path, String deliveryId, String timestamp, String signature, String body) {
        return given().baseUri(suite.url(DOOR)).contentType(ContentType.JSON)
                .header("X-MLflow-Delivery-Id", deliveryId).header("X-MLflow-Timestamp", timestamp)
                .header("X-MLflow-Signature", signature).body(body).post(path);
    }

    private static Response hub(String path, String secret, String body) {
        return given().baseUri(suite.url(DOOR)).contentType(ContentType.JSON).header("X-Webhook-Secret", secret)
                .body(body).post(path);
    }

    /** MLflow's signature: {@code "v1," + base64(HMAC-SHA256(secret, f"{delivery_id}.{timestamp}.{payload}"))}. */
    private static String sign(String secret, String deliveryId, String timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((deliveryId + "." + timestamp + "."
                    + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
