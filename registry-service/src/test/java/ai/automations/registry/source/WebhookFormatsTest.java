package ai.automations.registry.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.error.ApiException;

/**
 * The two kinds' verification and reading, one class at a time. The MLflow signature below was computed with
 * Python's {@code hmac}/{@code hashlib}/{@code base64} exactly as mlflow/webhooks/delivery.py
 * {@code _generate_hmac_signature} does, so this checks the Java verifier against MLflow's own algorithm.
 */
class WebhookFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec-test-secret";
    private static final String DELIVERY = "3f0c7c1e-5a7b-4d2e-9b1a-8c6d5e4f3a21";
    private static final String TIMESTAMP = "1764583200";
    private static final String BODY = "{\"entity\": \"model_version_alias\", \"action\": \"created\", \"timestamp\": "
            + "\"2025-12-01T10:00:00.000000+00:00\", \"data\": {\"name\": \"fraud\", \"alias\": \"champion\", "
            + "\"version\": \"3\"}}";
    /** {@code "v1," + base64(hmac.new(secret.encode(), f"{id}.{ts}.{payload}".encode(), sha256).digest())}. */
    private static final String PYTHON_SIGNATURE = "v1,1uz9MSyhA8JXE9XS8X7arZjHR10sPHlbObrq548630Y=";

    @Test
    void mlflowsOwnSignatureVerifiesAndAnythingElseDoesNot() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(MlflowWebhooks.verify(SECRET, DELIVERY, TIMESTAMP, PYTHON_SIGNATURE, body)).isTrue();
        assertThat(MlflowWebhooks.verify(SECRET, DELIVERY, TIMESTAMP, "v0,abc " + PYTHON_SIGNATURE, body)).isTrue();
        assertThat(MlflowWebhooks.verify("other", DELIVERY, TIMESTAMP, PYTHON_SIGNATURE, body)).isFalse();
        assertThat(MlflowWebhooks.verify(SECRET, "other-id", TIMESTAMP, PYTHON_SIGNATURE, body)).isFalse();
        assertThat(MlflowWebhooks.verify(SECRET, DELIVERY, "1764583201", PYTHON_SIGNATURE, body)).isFalse();
        assertThat(MlflowWebhooks.verify(SECRET, DELIVERY, TIMESTAMP, PYTHON_SIGNATURE,
                BODY.replace("champion", "champio").getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(MlflowWebhooks.verify(SECRET, DELIVERY, TIMESTAMP, PYTHON_SIGNATURE.substring(3), body)).isFalse();
        assertThat(MlflowWebhooks.verify(SECRET, DELIVERY, TIMESTAMP, "v1,not base64!", body)).isFalse();
    }

    @Test
    void mlflowTimestampsMoreThanFiveMinutesOffAreRefused() {
        Instant sent = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));
        Duration skew = Duration.ofMinutes(5);
        assertThat(MlflowWebhooks.precheck(DELIVERY, TIMESTAMP, PYTHON_SIGNATURE, sent.plusSeconds(300), skew))
                .isNull();
        assertThat(MlflowWebhooks.precheck(DELIVERY, TIMESTAMP, PYTHON_SIGNATURE, sent.minusSeconds(300), skew))
                .isNull();
        assertThat(MlflowWebhooks.precheck(DELIVERY, TIMESTAMP, PYTHON_SIGNATURE, sent.plusSeconds(301), skew))
                .isEqualTo("timestamp");
        assertThat(MlflowWebhooks.precheck(DELIVERY, TIMESTAMP, PYTHON_SIGNATURE, sent.minusSeconds(301), skew))
                .isEqualTo("timestamp");
        assertThat(MlflowWebhooks.precheck(DELIVERY, "yesterday", PYTHON_SIGNATURE, sent, skew))
                .isEqualTo("timestamp");
        assertThat(MlflowWebhooks.precheck(null, TIMESTAMP, PYTHON_SIGNATURE, sent, skew)).isEqualTo("unsigned");
        assertThat(MlflowWebhooks.precheck(DELIVERY, TIMESTAMP, null, sent, skew)).isEqualTo("unsigned");
    }

    @Test
    void mlflowEventsMapToRegistryChanges() throws Exception {
        Delivery alias = MlflowWebhooks.read(JSON.readTree(BODY), DELIVERY);
        assertThat(alias.key()).isEqualTo("mlflow:" + DELIVERY);
        assertThat(alias.event()).isEqualTo("model_version_alias.created");
        assertThat(alias.changes()).singleElement().isInstanceOfSatisfying(MirrorChange.AddAlias.class, add -> {
            assertThat(add.alias()).isEqualTo("champion");
            assertThat(add.version().collection()).isEqualTo("fraud");
            assertThat(add.version().key().number()).isEqualTo(3);
        });
        Delivery tag = MlflowWebhooks.read(mlflow("model_version_tag", "set",
                "{\"name\": \"Fraud Model/v2\", \"version\": \"1\", \"key\": \"stage\", \"value\": \"QA passed\"}"),
                DELIVERY);
        assertThat(tag.changes()).singleElement().isInstanceOfSatisfying(MirrorChange.Tag.class, t -> {
            assertThat(t.tag()).isEqualTo("stage=QA_passed");
            assertThat(t.replacedPrefix()).isEqualTo("stage=");
            assertThat(t.version().collection()).isEqualTo("Fraud-Model--v2");
        });
        assertThat(MlflowWebhooks.read(mlflow("prompt_alias", "created", "{\"name\": \"p\"}"), DELIVERY).isIgnored())
                .isTrue();
        assertThat(MlflowWebhooks.read(mlflow("model_version_alias", "created",
                "{\"name\": \"fraud\", \"alias\": \"latest\", \"version\": \"3\"}"), DELIVERY).isIgnored()).isTrue();
        assertThatThrownBy(() -> MlflowWebhooks.read(mlflow("model_version", "created",
                "{\"name\": \"fraud\", \"version\": \"3.1\"}"), DELIVERY))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("data.version"));
        assertThatThrownBy(() -> MlflowWebhooks.read(JSON.readTree("{\"entity\": \"model_version\"}"), DELIVERY))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("action"));
    }

    @Test
    void theHubsSecretIsComparedWholeAndItsDeliveriesAreKeyedOnTheirShas() throws Exception {
        assertThat(HubWebhooks.verify("hf-secret", "hf-secret")).isTrue();
        assertThat(HubWebhooks.verify("hf-secret", "hf-secre")).isFalse();
        assertThat(HubWebhooks.verify("hf-secret", "hf-secret ")).isFalse();
        assertThat(HubWebhooks.verify("hf-secret", null)).isFalse();

        String push = """
                {"event": {"action": "update", "scope": "repo.content"},
                 "repo": {"type": "dataset", "name": "acme/claims", "headSha": "%s"},
                 "updatedRefs": [{"ref": "refs/tags/v2", "oldSha": null, "newSha": "%s"}],
                 "webhook": {"id": "6390e855e30d9209411de93b", "version": 3}}""";
        Delivery first = HubWebhooks.read(JSON.readTree(push.formatted("aaa", "aaa")));
        Delivery again = HubWebhooks.read(JSON.readTree(push.formatted("aaa", "aaa")));
        Delivery next = HubWebhooks.read(JSON.readTree(push.formatted("bbb", "bbb")));
        assertThat(first.key()).isEqualTo(again.key()).isNotEqualTo(next.key());
        assertThat(first.changes()).hasSize(3);
        assertThat(first.changes().get(0)).isInstanceOfSatisfying(MirrorChange.Collection.class, c -> {
            assertThat(c.collection()).isEqualTo("acme--claims");
            assertThat(c.type()).isEqualTo("dataset");
        });
        assertThat(first.changes().get(1)).isInstanceOfSatisfying(MirrorChange.Version.class,
                v -> assertThat(v.key().sha()).isEqualTo("aaa"));
        assertThat(first.changes().get(2)).isInstanceOfSatisfying(MirrorChange.Tag.class,
                t -> assertThat(t.tag()).isEqualTo("v2"));
        JsonNode deleted = JSON.readTree("""
                {"event": {"action": "delete", "scope": "repo"}, "repo": {"type": "model", "name": "acme/old"}}""");
        assertThat(HubWebhooks.read(deleted).isIgnored()).isTrue();
    }

    private static JsonNode mlflow(String entity, String action, String data) throws Exception {
        return JSON.readTree("{\"entity\": \"" + entity + "\", \"action\": \"" + action + "\", \"timestamp\": "
                + "\"2025-12-01T10:00:00.000000+00:00\", \"data\": " + data + "}");
    }
}
