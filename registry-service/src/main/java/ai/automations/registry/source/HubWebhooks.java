package ai.automations.registry.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.error.ApiException;
import ai.automations.registry.artifact.ArtifactMirror.VersionKey;

/**
 * Hugging Face Hub webhooks (the Hub's documentation, docs/hub/webhooks.md): a JSON body with {@code event}
 * ({@code action}, {@code scope}), {@code repo} ({@code type}, {@code name}, {@code headSha}, ...),
 * {@code updatedRefs} on code changes ({@code ref}, {@code oldSha}, {@code newSha}) and {@code webhook}
 * ({@code id}, {@code version}); no signature, only the secret itself in {@code X-Webhook-Secret}. The Hub sends no
 * delivery id, so a delivery is deduplicated on the webhook id, the event, the repo and the shas (a replay from the
 * Hub's activity tab is the same payload).
 */
final class HubWebhooks {

    static final String SECRET = "X-Webhook-Secret";

    private static final String TAGS = "refs/tags/";
    private static final Set<String> REPO_ACTIONS = Set.of("create", "update", "move");

    private HubWebhooks() {
    }

    /** The secret header against the source's secret, in constant time. */
    static boolean verify(String secret, String header) {
        return header != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                header.getBytes(StandardCharsets.UTF_8));
    }

    static Delivery read(JsonNode root) {
        if (!root.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object.", null);
        }
        JsonNode event = Payloads.object(root, "event", "event");
        String scope = Payloads.text(event, "scope", "event.scope");
        String action = Payloads.text(event, "action", "event.action");
        JsonNode repo = Payloads.object(root, "repo", "repo");
        String type = Payloads.text(repo, "type", "repo.type");
        String name = Payloads.text(repo, "name", "repo.name");
        String headSha = Payloads.optionalText(repo, "headSha", "repo.headSha");
        JsonNode webhook = root.get("webhook");
        String webhookId = webhook != null && webhook.isObject() ? Payloads.optionalText(webhook, "id", "webhook.id")
                : null;
        List<Ref> refs = refs(root);
        String eventName = scope + "." + action;

        List<String> keyParts = new ArrayList<>(List.of(webhookId == null ? "" : webhookId, scope, action, type, name,
                headSha == null ? "" : headSha));
        refs.forEach(r -> keyParts.addAll(List.of(r.ref(), String.valueOf(r.oldSha()), String.valueOf(r.newSha()))));
        String key = "hub:" + Payloads.digest(keyParts.toArray(String[]::new));

        boolean repoEvent = scope.equals("repo") && REPO_ACTIONS.contains(action);
        boolean contentEvent = scope.equals("repo.content");
        if (!repoEvent && !contentEvent) {
            return Delivery.ignored(key, eventName, scope.equals("repo") && action.equals("delete")
                    ? "a deleted repo's collection and versions are kept"
                    : "Hub event '" + eventName + "' is not mapped");
        }
        String collection = Payloads.collectionName(name);
        String collectionType = Payloads.collectionName(type);
        if (collection == null || collectionType == null) {
            return Delivery.ignored(key, eventName, "repo '" + name + "' has no usable name");
        }
        List<MirrorChange> changes = new ArrayList<>();
        changes.add(new MirrorChange.Collection(collection, collectionType, "Hugging Face Hub " + type + " " + name));
        if (headSha != null && !headSha.isEmpty()) {
            changes.add(version(collection, collectionType, repo, name, type, headSha));
        }
        for (Ref r : refs) {
            if (!r.ref().startsWith(TAGS)) {
                continue;
            }
            String tag = Payloads.gitTag(r.ref().substring(TAGS.length()));
            if (tag == null) {
                continue;
            }
            if (r.oldSha() != null && !r.oldSha().equals(r.newSha())) {
                changes.add(new MirrorChange.RemoveTag(version(collection, collectionType, repo, name, type,
                        r.oldSha()), tag));
            }
            if (r.newSha() != null) {
                changes.add(new MirrorChange.Tag(version(collection, collectionType, repo, name, type, r.newSha()),
                        null, tag));
            }
        }
        return Delivery.mapped(key, eventName, changes);
    }

    private static MirrorChange.Version version(String collection, String collectionType, JsonNode repo, String name,
            String type, String sha) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("repo", name);
        metadata.put("repoType", type);
        metadata.put("sha", sha);
        JsonNode url = repo.get("url");
        if (url != null && url.isObject() && url.get("web") != null && url.get("web").isTextual()) {
            metadata.put("url", url.get("web").asText());
        }
        return new MirrorChange.Version(collection, collectionType, VersionKey.sha(sha), metadata, null);
    }

    private record Ref(String ref, String oldSha, String newSha) {
    }

    private static List<Ref> refs(JsonNode root) {
        JsonNode refs = root.get("updatedRefs");
        List<Ref> out = new ArrayList<>();
        if (refs == null || refs.isNull()) {
            return out;
        }
        if (!refs.isArray()) {
            throw ApiException.badRequest("'updatedRefs' must be an array.", "updatedRefs");
        }
        for (int i = 0; i < refs.size(); i++) {
            JsonNode r = refs.get(i);
            String path = "updatedRefs[" + i + "]";
            if (!r.isObject()) {
                throw ApiException.badRequest("'" + path + "' must be a JSON object.", path);
            }
            out.add(new Ref(Payloads.text(r, "ref", path + ".ref"), Payloads.optionalText(r, "oldSha", path + ".oldSha"),
                    Payloads.optionalText(r, "newSha", path + ".newSha")));
        }
        return out;
    }
}
