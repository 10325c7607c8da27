package ai.automations.registry.source;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.validation.NamePatterns;
import ai.automations.registry.artifact.ArtifactMirror.VersionKey;

/**
 * MLflow 3's model registry webhooks (MLflow's {@code mlflow/webhooks/delivery.py}, {@code constants.py} and
 * {@code types.py}): each delivery is {@code {"entity","action","timestamp","data"}}, signed in the
 * {@code X-MLflow-Signature} header as {@code v1,<base64 HMAC-SHA256(secret, "<delivery id>.<timestamp>.<body>")>},
 * with {@code X-MLflow-Delivery-Id} (a UUID per delivery) and {@code X-MLflow-Timestamp} (unix seconds).
 */
final class MlflowWebhooks {

    static final String SIGNATURE = "X-MLflow-Signature";
    static final String TIMESTAMP = "X-MLflow-Timestamp";
    static final String DELIVERY_ID = "X-MLflow-Delivery-Id";

    private static final Pattern RUN_ID = Pattern.compile(NamePatterns.NAME);
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}|0");
    private static final String TYPE = "model";

    private MlflowWebhooks() {
    }

    /** Why the delivery is refused before its signature is checked ({@code null}: go on). */
    static String precheck(String deliveryId, String timestamp, String signature, Instant now, Duration maxSkew) {
        if (deliveryId == null || deliveryId.isBlank() || timestamp == null || signature == null) {
            return "unsigned";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "timestamp";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > maxSkew.toSeconds()) {
            return "timestamp";
        }
        return null;
    }

    /** True when one of the header's {@code v1,} signatures is the body's, compared in constant time. */
    static boolean verify(String secret, String deliveryId, String timestamp, String signatureHeader, byte[] body) {
        byte[] expected = sign(secret, deliveryId, timestamp.trim(), body);
        boolean ok = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (!candidate.startsWith("v1,")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            ok |= MessageDigest.isEqual(expected, given);
        }
        return ok;
    }

    /** The raw HMAC-SHA256 of {@code "<delivery id>.<timestamp>.<body>"} with the secret's UTF-8 bytes. */
    static byte[] sign(String secret, String deliveryId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((deliveryId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The delivery's changes, deduplicated on its delivery id. */
    static Delivery read(JsonNode root, String deliveryId) {
        if (!root.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object.", null);
        }
        String event = Payloads.text(root, "entity", "entity") + "." + Payloads.text(root, "action", "action");
        String key = "mlflow:" + deliveryId;
        return switch (event) {
            case "registered_model.created" -> {
                JsonNode data = Payloads.object(root, "data", "data");
                String model = Payloads.text(data, "name", "data.name");
                String collection = collection(model);
                yield collection == null ? unnamed(key, event, model)
                        : Delivery.mapped(key, event, List.of(new MirrorChange.Collection(collection, TYPE,
                                Payloads.optionalText(data, "description", "data.description"))));
            }
            case "model_version.created" -> {
                JsonNode data = Payloads.object(root, "data", "data");
                String model = Payloads.text(data, "name", "data.name");
                int version = version(data);
                String collection = collection(model);
                if (collection == null) {
                    yield unnamed(key, event, model);
                }
                ObjectNode metadata = metadata(model, version);
                String source = Payloads.optionalText(data, "source", "data.source");
                String runId = Payloads.optionalText(data, "run_id", "data.run_id");
                metadata.put("source", source);
                metadata.put("run_id", runId);
                JsonNode tags = data.get("tags");
                if (tags != null && !tags.isNull()) {
                    if (!tags.isObject()) {
                        throw ApiException.badRequest("'data.tags' must be a JSON object.", "data.tags");
                    }
                    metadata.set("tags", tags);
                }
                String description = Payloads.optionalText(data, "description", "data.description");
                if (description != null) {
                    metadata.put("description", description);
                }
                yield Delivery.mapped(key, event, List.of(new MirrorChange.Version(collection, TYPE,
                        VersionKey.number(version), metadata,
                        runId != null && RUN_ID.matcher(runId).matches() ? runId : null)));
            }
            case "model_version_alias.created" -> {
                JsonNode data = Payloads.object(root, "data", "data");
                String model = Payloads.text(data, "name", "data.name");
                String alias = Payloads.text(data, "alias", "data.alias");
                int version = version(data);
                String collection = collection(model);
                if (collection == null) {
                    yield unnamed(key, event, model);
                }
                if (!Payloads.validAlias(alias)) {
                    yield Delivery.ignored(key, event, "alias '" + alias + "' is not a valid alias here");
                }
                yield Delivery.mapped(key, event, List.of(new MirrorChange.AddAlias(known(collection, model, version),
                        alias)));
            }
            case "model_version_alias.deleted" -> {
                JsonNode data = Payloads.object(root, "data", "data");
                String model = Payloads.text(data, "name", "data.name");
                String alias = Payloads.text(data, "alias", "data.alias");
                String collection = collection(model);
                if (collection == null) {
                    yield unnamed(key, event, model);
                }
                if (!Payloads.validAlias(alias)) {
                    yield Delivery.ignored(key, event, "alias '" + alias + "' is not a valid alias here");
                }
                yield Delivery.mapped(key, event, List.of(new MirrorChange.RemoveAlias(collection, alias)));
            }
            case "model_version_tag.set", "model_version_tag.deleted" -> {
                JsonNode data = Payloads.object(root, "data", "data");
                String model = Payloads.text(data, "name", "data.name");
                int version = version(data);
                String tagKey = Payloads.text(data, "key", "data.key");
                String value = event.endsWith(".set") ? textOrEmpty(data) : null;
                String collection = collection(model);
                if (collection == null) {
                    yield unnamed(key, event, model);
                }
                String prefix = Payloads.tagPrefix(tagKey);
                if (prefix == null) {
                    yield Delivery.ignored(key, event, "tag key '" + tagKey + "' has no usable characters");
                }
                yield Delivery.mapped(key, event, List.of(new MirrorChange.Tag(known(collection, model, version),
                        prefix, value == null ? null : Payloads.tag(tagKey, value))));
            }
            default -> Delivery.ignored(key, event, "MLflow event '" + event + "' is not mapped");
        };
    }

    private static String textOrEmpty(JsonNode data) {
        String value = Payloads.optionalText(data, "value", "data.value");
        return value == null ? "" : value;
    }

    /** A version an alias or tag names: created with what is known when the source never announced it. */
    private static MirrorChange.Version known(String collection, String model, int version) {
        return new MirrorChange.Version(collection, TYPE, VersionKey.number(version), metadata(model, version), null);
    }

    private static ObjectNode metadata(String model, int version) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("mlflow_model", model);
        metadata.put("mlflow_version", version);
        return metadata;
    }

    /** MLflow sends the version number as a string ("3"); a JSON number is taken too. */
    private static int version(JsonNode data) {
        JsonNode node = data.get("version");
        String text = node == null ? null : node.isTextual() ? node.asText() : node.isIntegralNumber() ? node.asText()
                : null;
        if (text == null || !NUMBER.matcher(text).matches()) {
            throw ApiException.badRequest("'data.version' must be a version number such as \"3\".", "data.version");
        }
        return Integer.parseInt(text);
    }

    private static String collection(String model) {
        return Payloads.collectionName(model);
    }

    private static Delivery unnamed(String key, String event, String model) {
        return Delivery.ignored(key, event, "model name '" + model + "' has no usable characters");
    }
}
