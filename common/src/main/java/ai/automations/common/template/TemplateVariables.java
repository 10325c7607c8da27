package ai.automations.common.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.CloudEvent;

/**
 * The contract's payload variables for one automation and one event, as JSON values. A variable the event does not
 * have is absent and renders as empty ({@code entity_name} falls back to the automation's entity). Secret variables ({@code ${ACCESS_TOKEN}}, {@code ${SECRET_NAME}}) are not
 * here: they are supplied at render time.
 */
public final class TemplateVariables {

    /** Names that are always event variables, never secret names. */
    public static final Set<String> EVENT_VARIABLES = Set.of("event_type", "event_author", "entity_name",
            "project_name", "automation_name", "alias", "tag", "artifact_collection_name", "artifact_version",
            "artifact_version_string", "artifact_version_index", "run_id", "run_name", "run_state", "metric_name",
            "metric_value", "metric_values", "metric_filter");

    /** The prefix of per-key metadata variables: {@code ${artifact_metadata.KEY}}. */
    public static final String METADATA_PREFIX = "artifact_metadata.";

    /** The variable holding the integration's access token. */
    public static final String ACCESS_TOKEN = "ACCESS_TOKEN";

    private final Map<String, JsonNode> values;
    private final JsonNode metadata;

    private TemplateVariables(Map<String, JsonNode> values, JsonNode metadata) {
        this.values = values;
        this.metadata = metadata;
    }

    public static TemplateVariables of(AutomationDefinition automation, CloudEvent event) {
        JsonNode data = event.data() == null ? JsonNodeFactory.instance.objectNode() : event.data();
        Map<String, JsonNode> values = new HashMap<>();
        event.eventType().ifPresent(type -> values.put("event_type", text(type.name())));
        String author = firstText(data, "author", "user");
        put(values, "event_author", author);
        String entity = firstText(data, "entity");
        put(values, "entity_name", entity != null ? entity : automation == null ? null : automation.entity());
        put(values, "project_name", firstText(data, "project"));
        put(values, "automation_name", automation == null ? null : automation.name());
        put(values, "alias", firstText(data, "alias"));
        put(values, "tag", firstText(data, "tag"));
        put(values, "artifact_collection_name", firstText(data, "collection"));
        put(values, "artifact_version", firstText(data, "version"));
        put(values, "artifact_version_string", firstText(data, "versionString"));
        copy(values, "artifact_version_index", data.get("versionIndex"));
        put(values, "run_id", firstText(data, "runId"));
        put(values, "run_name", firstText(data, "runName"));
        put(values, "run_state", firstText(data, "state"));
        put(values, "metric_name", firstText(data, "metric"));
        copy(values, "metric_value", data.get("value"));
        copy(values, "metric_values", data.get("values"));
        JsonNode filter = data.get("filter");
        if (filter instanceof ObjectNode object) {
            ObjectNode compact = object.deepCopy();
            compact.properties().removeIf(e -> e.getValue().isNull());
            values.put("metric_filter", compact);
        }
        JsonNode metadata = data.get("metadata");
        return new TemplateVariables(values, metadata != null && metadata.isObject() ? metadata : null);
    }

    /** The value of an event variable, or null when the event has none (rendered as empty). */
    public JsonNode get(String name) {
        if (name.startsWith(METADATA_PREFIX)) {
            if (metadata == null) {
                return null;
            }
            String key = name.substring(METADATA_PREFIX.length());
            JsonNode direct = metadata.get(key);
            if (direct != null) {
                return direct;
            }
            JsonNode nested = metadata.at("/" + key.replace("~", "~0").replace("/", "~1").replace('.', '/'));
            return nested.isMissingNode() ? null : nested;
        }
        return values.get(name);
    }

    /** Whether a name is an event variable (known, or metadata) rather than a secret reference. */
    public static boolean isEventVariable(String name) {
        return EVENT_VARIABLES.contains(name) || name.startsWith(METADATA_PREFIX);
    }

    private static String firstText(JsonNode data, String... fields) {
        for (String field : fields) {
            JsonNode node = data.get(field);
            if (node != null && !node.isNull()) {
                return node.asText();
            }
        }
        return null;
    }

    private static void put(Map<String, JsonNode> values, String name, String value) {
        if (value != null) {
            values.put(name, text(value));
        }
    }

    private static void copy(Map<String, JsonNode> values, String name, JsonNode value) {
        if (value != null && !value.isNull()) {
            values.put(name, value);
        }
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }
}
