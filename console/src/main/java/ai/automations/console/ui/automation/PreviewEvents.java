package ai.automations.console.ui.automation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the CloudEvent a real artifact version would produce for an event type, so that an automation can be
 * previewed (dry-run) against something that exists: the version's own data as registry-service publishes it
 * (docs/events.md), with the alias or tag of the event.
 */
final class PreviewEvents {

    private PreviewEvents() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> artifactEvent(String eventType, Map<String, Object> version,
            Map<String, Object> collection, String alias, String tag) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity", version.get("entity"));
        put(data, "project", version.get("project"));
        put(data, "registry", version.get("registry"));
        data.put("collection", version.get("collection"));
        put(data, "collectionId", collection.get("id"));
        put(data, "collectionType", collection.get("type"));
        put(data, "artifactId", version.get("id"));
        put(data, "artifactType", version.get("type"));
        data.put("version", version.get("version"));
        put(data, "versionIndex", version.get("versionIndex"));
        data.put("versionString", version.get("versionString"));
        put(data, "digest", version.get("digest"));
        put(data, "alias", alias == null || alias.isBlank() ? null : alias.strip());
        put(data, "tag", tag == null || tag.isBlank() ? null : tag.strip());
        put(data, "author", version.get("author"));
        put(data, "runId", version.get("runId"));
        put(data, "metadata", version.get("metadata"));
        if (version.get("source") instanceof Map<?, ?> source) {
            Map<String, Object> s = (Map<String, Object>) source;
            put(data, "sourceProject", s.get("project"));
            put(data, "sourceCollection", s.get("collection"));
            put(data, "sourceVersionString", s.get("versionString"));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/automations/console/preview");
        event.put("type", "ai.automations." + eventType);
        event.put("subject", version.get("versionString"));
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return event;
    }

    private static void put(Map<String, Object> into, String field, Object value) {
        if (value != null) {
            into.put(field, value);
        }
    }
}
