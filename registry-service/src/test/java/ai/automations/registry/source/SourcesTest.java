package ai.automations.registry.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Sources and their receivers, against the real database and broker: MLflow deliveries signed as MLflow signs them
 * (mlflow/webhooks/delivery.py {@code _generate_hmac_signature}: {@code "v1," + base64(HMAC-SHA256(secret UTF-8,
 * "<delivery id>.<timestamp>.<payload>"))}, headers from mlflow/webhooks/constants.py, bodies shaped as
 * {@code _send_webhook_request} builds them, {@code {"entity","action","timestamp","data"}} with the data of
 * mlflow/webhooks/types.py, serialised by Python's {@code json.dumps}), and Hugging Face Hub deliveries as the Hub's
 * docs/hub/webhooks.md describes them (secret in {@code X-Webhook-Secret}, {@code event}, {@code repo},
 * {@code updatedRefs}, {@code webhook}).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class SourcesTest {

    private static final String SECRET = "whsec-mlflow-test-5a7c";
    private static TopicReader events;
    private final Api admin = Api.admin();

    @BeforeAll
    static void read() {
        events = new TopicReader(Topics.EVENTS);
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void sourcesAreAdminOnlyAndCheckTheirRegistryAndSecret() {
        String e = admin.entity("src");
        String base = "/api/v1/entities/" + e + "/sources";
        admin.registry(e, "model");
        Map<String, Object> body = Map.of("kind", "mlflow", "name", "mlflow-prod", "registry", "model",
                "secret", "MLFLOW_SECRET");
        admin.post(base, body).statusCode(422).body("field", equalTo("secret"));
        SecretsDouble.secretExists(e, "MLFLOW_SECRET");
        admin.post(base, Map.of("kind", "mlflow", "name", "x", "registry", "nope", "secret", "MLFLOW_SECRET"))
                .statusCode(422).body("field", equalTo("registry"));
        admin.post(base, Map.of("kind", "jenkins", "name", "x", "registry", "model", "secret", "MLFLOW_SECRET"))
                .statusCode(400).body("field", equalTo("kind"));
        admin.post(base, Map.of("kind", "mlflow", "name", "x", "registry", "model", "secret", "bad name"))
                .statusCode(400).body("field", equalTo("secret"));
        assertThat(Db.count("SELECT count(*) FROM sources s JOIN entities e ON e.id = s.entity_id WHERE e.name = '"
                + e + "'")).isZero();

        String id = admin.post(base, body).statusCode(201).body("name", equalTo("mlflow-prod"))
                .body("kind", equalTo("mlflow")).body("registry", equalTo("model"))
                .body("project", equalTo("mlflow-prod")).body("secret", equalTo("MLFLOW_SECRET"))
                .extract().path("id");
        admin.get(base + "/mlflow-prod").statusCode(200)
                .body("receiverPath", equalTo("/api/v1/sources/" + id + "/events"));
        admin.post(base, body).statusCode(409).body("field", equalTo("name"));
        admin.get(base).statusCode(200).body("name", contains("mlflow-prod"));
        admin.get("/api/v1/entities/" + e + "/projects/mlflow-prod").statusCode(200);

        String memberKey = admin.post("/api/v1/users", Map.of("name", Api.unique("member"))).statusCode(201)
                .extract().path("apiKey");
        String memberName = Api.as(memberKey).get("/api/v1/users/me").extract().path("name");
        admin.post("/api/v1/entities/" + e + "/members", Map.of("user", memberName, "role", "MEMBER"));
        Api.as(memberKey).get(base).statusCode(403);
        Api.as(memberKey).post(base, Map.of("kind", "huggingface", "name", "hub", "registry", "model",
                "secret", "MLFLOW_SECRET")).statusCode(403);
        Api.as(memberKey).delete(base + "/mlflow-prod").statusCode(403);

        admin.delete(base + "/mlflow-prod").statusCode(204);
        admin.get(base + "/mlflow-prod").statusCode(404);
        receiver(id).body("{}").post().then().statusCode(404);
    }

    @Test
    void mlflowEventsBecomeRegistryChangesWithMlflowsVersionNumbers() {
        String e = admin.entity("mlf");
        String id = mlflowSource(e);
        String registry = "/api/v1/entities/" + e + "/registries/model/collections/fraud";

        mlflow(id, "registered_model", "created",
                "{\"name\": \"fraud\", \"tags\": {}, \"description\": \"Fraud detector\"}").statusCode(200)
                .body("status", equalTo("applied"));
        admin.get(registry).statusCode(200).body("type", equalTo("model"))
                .body("description", equalTo("Fraud detector"));

        mlflow(id, "model_version", "created", "{\"name\": \"fraud\", \"version\": \"3\", \"source\": "
                + "\"models:/m-123\", \"run_id\": \"abcd1234abcd5678\", \"tags\": {\"team\": \"risk\"}, "
                + "\"description\": null}").statusCode(200).body("status", equalTo("applied"));
        admin.get(registry + "/versions/v3").statusCode(200).body("versionIndex", equalTo(3))
                .body("metadata.source", equalTo("models:/m-123")).body("metadata.run_id", equalTo("abcd1234abcd5678"))
                .body("metadata.tags.team", equalTo("risk")).body("metadata.mlflow_version", equalTo(3))
                .body("runId", equalTo("abcd1234abcd5678")).body("aliases", contains("latest"))
                .body("source.project", equalTo("mlflow-prod")).body("source.version", equalTo("v3"));

        mlflow(id, "model_version_alias", "created", "{\"name\": \"fraud\", \"alias\": \"champion\", "
                + "\"version\": \"3\"}").statusCode(200);
        admin.get(registry + "/versions/champion").statusCode(200).body("version", equalTo("v3"));

        mlflow(id, "model_version_tag", "set", "{\"name\": \"fraud\", \"version\": \"3\", \"key\": "
                + "\"validation_status\", \"value\": \"approved\"}").statusCode(200);
        mlflow(id, "model_version_tag", "set", "{\"name\": \"fraud\", \"version\": \"3\", \"key\": "
                + "\"validation_status\", \"value\": \"passed checks\"}").statusCode(200);
        admin.get(registry + "/versions/v3").body("tags", contains("validation_status=passed_checks"));

        admin.post(registry + "/versions/v3/tags", Map.of("tag", "marker")).statusCode(200);
        String collectionId = admin.get(registry).extract().path("id");
        List<JsonNode> seen = eventsOf(collectionId, 6);
        assertThat(seen).extracting(ev -> ev.get("type").asText()).containsExactly(
                "ai.automations.LINK_ARTIFACT", "ai.automations.ADD_ARTIFACT_ALIAS", "ai.automations.ADD_ARTIFACT_TAG",
                "ai.automations.REMOVE_ARTIFACT_TAG", "ai.automations.ADD_ARTIFACT_TAG",
                "ai.automations.ADD_ARTIFACT_TAG");
        JsonNode alias = seen.get(1).get("data");
        assertThat(alias.get("alias").asText()).isEqualTo("champion");
        assertThat(alias.get("version").asText()).isEqualTo("v3");
        assertThat(alias.get("versionIndex").asInt()).isEqualTo(3);
        assertThat(alias.get("registry").asText()).isEqualTo("model");
        assertThat(alias.get("author").asText()).isEqualTo("mlflow:mlflow-prod");
        assertThat(seen.get(2).get("data").get("tag").asText()).isEqualTo("validation_status=approved");
        assertThat(seen.get(3).get("data").get("tag").asText()).isEqualTo("validation_status=approved");
        assertThat(seen.get(4).get("data").get("tag").asText()).isEqualTo("validation_status=passed_checks");
        assertThat(seen.get(5).get("data").get("tag").asText()).isEqualTo("marker");

        mlflow(id, "model_version_tag", "deleted", "{\"name\": \"fraud\", \"version\": \"3\", \"key\": "
                + "\"validation_status\"}").statusCode(200);
        mlflow(id, "model_version_alias", "deleted", "{\"name\": \"fraud\", \"alias\": \"champion\"}")
                .statusCode(200);
        admin.get(registry + "/versions/v3").body("tags", contains("marker")).body("aliases", contains("latest"));

        // An alias on a version MLflow made before its webhook existed: the version is created, numbered as MLflow's.
        mlflow(id, "model_version_alias", "created", "{\"name\": \"fraud\", \"alias\": \"challenger\", "
                + "\"version\": \"1\"}").statusCode(200);
        admin.get(registry + "/versions/challenger").body("version", equalTo("v1"))
                .body("metadata.mlflow_version", equalTo(1));
        admin.get(registry + "/versions/latest").body("version", equalTo("v3"));
        admin.get("/api/v1/entities/" + e + "/projects/mlflow-prod/collections/fraud/versions/v3").statusCode(200);
    }

    @Test
    void replaysBadSignaturesAndBadBodiesChangeNothing() {
        String e = admin.entity("mlbad");
        String id = mlflowSource(e);
        String registry = "/api/v1/entities/" + e + "/registries/model/collections/fraud";
        String created = payload("model_version", "created", "{\"name\": \"fraud\", \"version\": \"2\", \"source\": "
                + "\"runs:/r1/model\", \"run_id\": \"r1\", \"tags\": {}, \"description\": null}");
        String deliveryId = UUID.randomUUID().toString();
        String now = Long.toString(System.currentTimeMillis() / 1000);

        // Wrong secret, tampered body, stale timestamp, no signature: 401 and nothing recorded.
        String before = metrics();
        signed(id, deliveryId, now, sign("not-the-secret", deliveryId, now, created), created).statusCode(401)
                .body("error", equalTo("UNAUTHORIZED"));
        signed(id, deliveryId, now, sign(SECRET, deliveryId, now, created), created.replace("\"2\"", "\"7\""))
                .statusCode(401);
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 301);
        signed(id, deliveryId, stale, sign(SECRET, deliveryId, stale, created), created).statusCode(401)
                .body("message", containsString("5 minutes"));
        receiver(id).header("X-MLflow-Delivery-Id", deliveryId).header("X-MLflow-Timestamp", now).body(created)
                .post().then().statusCode(401);
        admin.get(registry).statusCode(404);
        assertThat(Db.count("SELECT count(*) FROM source_deliveries WHERE source_id = '" + id + "'")).isZero();
        assertThat(rejected(metrics(), "signature")).isGreaterThanOrEqualTo(rejected(before, "signature") + 2);
        assertThat(rejected(metrics(), "timestamp")).isGreaterThan(rejected(before, "timestamp"));

        // The real delivery, then MLflow's retry of it (same delivery id, same body, a new timestamp and signature).
        signed(id, deliveryId, now, sign(SECRET, deliveryId, now, created), created).statusCode(200)
                .body("status", equalTo("applied"));
        String later = Long.toString(System.currentTimeMillis() / 1000 + 1);
        signed(id, deliveryId, later, sign(SECRET, deliveryId, later, created), created).statusCode(200)
                .body("status", equalTo("duplicate"));
        admin.get(registry + "/versions").body("version", contains("v2"));
        assertThat(Db.count("SELECT count(*) FROM source_deliveries WHERE source_id = '" + id + "'")).isEqualTo(1);

        // Malformed bodies (signed correctly): 400 naming the field; unmapped events: 202; too large: 413.
        mlflow(id, "model_version", "created", "{\"name\": \"fraud\", \"version\": \"three\"}").statusCode(400)
                .body("field", equalTo("data.version"));
        String notJson = "{not json";
        String d2 = UUID.randomUUID().toString();
        signed(id, d2, now, sign(SECRET, d2, now, notJson), notJson).statusCode(400)
                .body("error", equalTo("BAD_REQUEST"));
        mlflow(id, "prompt", "created", "{\"name\": \"p\", \"tags\": {}, \"description\": null}").statusCode(202)
                .body("status", equalTo("ignored"));
        assertThat(metrics()).contains("automations_sources_ignored_total{kind=\"mlflow\"");
        String huge = payload("registered_model", "created", "{\"name\": \"big\", \"tags\": {}, \"description\": \""
                + "x".repeat(1024 * 1024) + "\"}");
        String d3 = UUID.randomUUID().toString();
        signed(id, d3, now, sign(SECRET, d3, now, huge), huge).statusCode(413).body("error", equalTo("TOO_LARGE"));
        admin.get("/api/v1/entities/" + e + "/registries/model/collections/big").statusCode(404);

        // An API key is not needed and a stray Authorization header changes nothing.
        String d4 = UUID.randomUUID().toString();
        String alias = payload("model_version_alias", "created",
                "{\"name\": \"fraud\", \"alias\": \"champion\", \"version\": \"2\"}");
        signed(id, d4, now, sign(SECRET, d4, now, alias), alias, "Bearer not-a-key").statusCode(200);
        admin.get(registry + "/versions/champion").body("version", equalTo("v2"));

        // The source's registry is gone: 404.
        String goneId = goneRegistrySource(e);
        mlflow(goneId, "registered_model", "created", "{\"name\": \"x\", \"tags\": {}, \"description\": null}")
                .statusCode(404).body("error", equalTo("NOT_FOUND"));
        receiver("not-a-uuid").body("{}").post().then().statusCode(404);
    }

    @Test
    void aHubPushCreatesAVersionPerHeadShaAndMirrorsTags() {
        String e = admin.entity("hub");
        admin.registry(e, "hub");
        SecretsDouble.secretValue(e, "HF_WEBHOOK_SECRET", "hf-secret-3c1d");
        String id = admin.post("/api/v1/entities/" + e + "/sources", Map.of("kind", "huggingface", "name", "hf",
                "registry", "hub", "secret", "HF_WEBHOOK_SECRET")).statusCode(201).extract().path("id");
        String collection = "/api/v1/entities/" + e + "/registries/hub/collections/acme-ml--fraud-bert";
        String sha1 = "c379e821c9c95d613899e8c4343e4bfee2b0c600";
        String sha2 = "575db8b7a51b6f85eb06eee540738584589f131c";
        String push = hubPush(sha1, "ce9a4674fa833a68d5a73ec355f0ea95eedd60b7", sha1, null);

        hub(id, "wrong-secret", push).statusCode(401);
        receiver(id).body(push).post().then().statusCode(401);
        admin.get(collection).statusCode(404);

        hub(id, "hf-secret-3c1d", push).statusCode(200).body("status", equalTo("applied"));
        hub(id, "hf-secret-3c1d", push).statusCode(200).body("status", equalTo("duplicate"));
        admin.get(collection).statusCode(200).body("type", equalTo("model"));
        admin.get(collection + "/versions").body("digest", contains(sha1)).body("version", contains("v0"));

        hub(id, "hf-secret-3c1d", hubPush(sha2, sha1, sha2, "refs/tags/v1.0")).statusCode(200);
        admin.get(collection + "/versions").body("digest", contains(sha1, sha2));
        admin.get(collection + "/versions/v1").body("tags", contains("v1.0")).body("metadata.sha", equalTo(sha2))
                .body("metadata.repo", equalTo("acme-ml/fraud-bert"));
        admin.get("/api/v1/entities/" + e + "/projects/hf/collections/acme-ml--fraud-bert/versions")
                .body("digest", containsInAnyOrder(sha1, sha2));

        String projectCollectionId = admin.get("/api/v1/entities/" + e
                + "/projects/hf/collections/acme-ml--fraud-bert").extract().path("id");
        admin.post("/api/v1/entities/" + e + "/projects/hf/collections/acme-ml--fraud-bert/versions/v1/tags",
                Map.of("tag", "marker")).statusCode(200);
        List<JsonNode> created = eventsOf(projectCollectionId, 3);
        assertThat(created).extracting(ev -> ev.get("type").asText()).containsExactly(
                "ai.automations.CREATE_ARTIFACT", "ai.automations.CREATE_ARTIFACT", "ai.automations.ADD_ARTIFACT_TAG");
        assertThat(created.get(0).get("data").get("digest").asText()).isEqualTo(sha1);
        assertThat(created.get(0).get("data").get("author").asText()).isEqualTo("huggingface:hf");

        // The tag is deleted on the Hub; a discussion event is not mapped.
        hub(id, "hf-secret-3c1d", """
                {"event": {"action": "update", "scope": "repo.content"},
                 "repo": {"type": "model", "name": "acme-ml/fraud-bert", "headSha": "%s"},
                 "updatedRefs": [{"ref": "refs/tags/v1.0", "oldSha": "%s", "newSha": null}],
                 "webhook": {"id": "6390e855e30d9209411de93b", "version": 3}}""".formatted(sha2, sha2))
                .statusCode(200);
        admin.get(collection + "/versions/v1").body("tags", not(hasItem("v1.0")));
        hub(id, "hf-secret-3c1d", """
                {"event": {"action": "create", "scope": "discussion"},
                 "repo": {"type": "model", "name": "acme-ml/fraud-bert"},
                 "discussion": {"id": "6399f58518721fdd27fc9ca9", "title": "Hi", "isPullRequest": false},
                 "webhook": {"id": "6390e855e30d9209411de93b", "version": 3}}""").statusCode(202);
        hub(id, "hf-secret-3c1d", "{\"event\": {\"scope\": \"repo\"}}").statusCode(400)
                .body("field", equalTo("event.action"));
    }

    // --- fixtures -------------------------------------------------------------------------------------------

    private String mlflowSource(String e) {
        admin.registry(e, "model");
        SecretsDouble.secretValue(e, "MLFLOW_SECRET", SECRET);
        return admin.post("/api/v1/entities/" + e + "/sources", Map.of("kind", "mlflow", "name", "mlflow-prod",
                "registry", "model", "secret", "MLFLOW_SECRET")).statusCode(201).extract().path("id");
    }

    private String goneRegistrySource(String e) {
        admin.registry(e, "gone");
        String id = admin.post("/api/v1/entities/" + e + "/sources", Map.of("kind", "mlflow", "name", "gone",
                "registry", "gone", "secret", "MLFLOW_SECRET")).statusCode(201).extract().path("id");
        Db.execute("DELETE FROM registries r USING entities e WHERE e.id = r.entity_id AND e.name = '" + e
                + "' AND r.name = 'gone'");
        return id;
    }

    /** The body MLflow sends: {@code json.dumps({"entity", "action", "timestamp", "data"})}. */
    private static String payload(String entity, String action, String data) {
        return "{\"entity\": \"" + entity + "\", \"action\": \"" + action + "\", \"timestamp\": \""
                + "2026-12-01T10:15:30.123456+00:00\", \"data\": " + data + "}";
    }

    private static ValidatableResponse mlflow(String id, String entity, String action, String data) {
        String body = payload(entity, action, data);
        String deliveryId = UUID.randomUUID().toString();
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return signed(id, deliveryId, timestamp, sign(SECRET, deliveryId, timestamp, body), body);
    }

    private static ValidatableResponse signed(String id, String deliveryId, String timestamp, String signature,
            String body) {
        return signed(id, deliveryId, timestamp, signature, body, null);
    }

    private static ValidatableResponse signed(String id, String deliveryId, String timestamp, String signature,
            String body, String authorization) {
        RequestSpecification request = receiver(id).header("X-MLflow-Delivery-Id", deliveryId)
                .header("X-MLflow-Timestamp", timestamp).header("X-MLflow-Signature", signature).body(body);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post().then();
    }

    /** MLflow's signature: {@code "v1," + base64(HMAC-SHA256(secret, f"{delivery_id}.{timestamp}.{payload}"))}. */
    static String sign(String secret, String deliveryId, String timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((deliveryId + "." + timestamp + "." + payload)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String hubPush(String headSha, String oldMain, String newMain, String tagRef) {
        String tag = tagRef == null ? "" : ", {\"ref\": \"" + tagRef + "\", \"oldSha\": null, \"newSha\": \""
                + newMain + "\"}";
        return """
                {"event": {"action": "update", "scope": "repo.content"},
                 "repo": {"type": "model", "name": "acme-ml/fraud-bert", "id": "6366c000a2abcdf2fd69a080",
                          "private": false,
                          "url": {"web": "https://huggingface.co/acme-ml/fraud-bert",
                                  "api": "https://huggingface.co/api/models/acme-ml/fraud-bert"},
                          "headSha": "%s", "tags": ["license:other"], "owner": {"id": "61d2000c3c2083e1c08af22d"}},
                 "updatedRefs": [{"ref": "refs/heads/main", "oldSha": "%s", "newSha": "%s"}%s],
                 "webhook": {"id": "6390e855e30d9209411de93b", "version": 3}}""".formatted(headSha, oldMain,
                newMain, tag);
    }

    private static ValidatableResponse hub(String id, String secret, String body) {
        return receiver(id).header("X-Webhook-Secret", secret).body(body).post().then();
    }

    private static RequestSpecification receiver(String id) {
        return given().contentType("application/json").basePath("/api/v1/sources/" + id + "/events");
    }

    /** The events on one collection (its Kafka key), once {@code count} have arrived. */
    private static List<JsonNode> eventsOf(String collectionId, int count) {
        return events.await(key(collectionId), count).stream().map(TopicReader::json).toList();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double rejected(String metrics, String reason) {
        return metrics.lines().filter(l -> l.startsWith("automations_sources_rejected_total")
                && l.contains("reason=\"" + reason + "\"")).mapToDouble(l -> Double.parseDouble(
                        l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Predicate<ConsumerRecord<String, String>> key(String key) {
        return r -> key.equals(r.key());
    }
}
