package ai.automations.common.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
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
            "metric_value", "metric_values", "metric_filter", "run_status", "run_tags", "event_time",
            "automation_url", "run_url", "artifact_url");

    /** The prefix of per-key metadata variables: {@code ${artifact_metadata.KEY}}. */
    public static final String METADATA_PREFIX = "artifact_metadata.";

    /** The prefix of per-key run config variables: {@code ${run_config.KEY}} (a dotted key reaches nested values). */
    public static final String RUN_CONFIG_PREFIX = "run_config.";

    /** The variable holding the integration's access token. */
    public static final String ACCESS_TOKEN = "ACCESS_TOKEN";

    private final Map<String, JsonNode> values;
    private final JsonNode metadata;
    private final JsonNode runConfig;

    private TemplateVariables(Map<String, JsonNode> values, JsonNode metadata, JsonNode runConfig) {
        this.values = values;
        this.metadata = metadata;
        this.runConfig = runConfig;
    }

    /** The variables without links ({@code ${automation_url}}, {@code ${run_url}}, {@code ${artifact_url}} are empty). */
    public static TemplateVariables of(AutomationDefinition automation, CloudEvent event) {
        return of(automation, event, null);
    }

    /**
     * The variables, with links to the web console's pages under {@code publicUrl} (the suite's public address,
     * {@code AUTOMATIONS_PUBLIC_URL}; null or blank: no links): the automation, the run and the artifact version the
     * event is about.
     */
    public static TemplateVariables of(AutomationDefinition automation, CloudEvent event, String publicUrl) {
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
        put(values, "run_status", firstText(data, "state"));
        JsonNode tags = data.get("tags");
        if (tags != null && tags.isArray()) {
            values.put("run_tags", tags);
        }
        if (event.time() != null) {
            values.put("event_time", text(event.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        }
        links(values, automation, data, entity != null ? entity : automation == null ? null : automation.entity(),
                publicUrl);
        JsonNode metadata = data.get("metadata");
        JsonNode config = data.get("config");
        return new TemplateVariables(values, metadata != null && metadata.isObject() ? metadata : null,
                config != null && config.isObject() ? config : null);
    }

    /** The console's pages: {@code /entities/{e}/automations/{id}/edit}, {@code .../projects/{p}/runs/{id}}, a version's. */
    private static void links(Map<String, JsonNode> values, AutomationDefinition automation, JsonNode data,
            String entity, String publicUrl) {
        if (publicUrl == null || publicUrl.isBlank() || entity == null) {
            return;
        }
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        String entityPage = base + "/entities/" + segment(entity);
        if (automation != null && automation.id() != null) {
            put(values, "automation_url", entityPage + "/automations/" + segment(automation.id()) + "/edit");
        }
        String project = firstText(data, "project");
        String runId = firstText(data, "runId");
        if (project != null && runId != null) {
            put(values, "run_url", entityPage + "/projects/" + segment(project) + "/runs/" + segment(runId));
        }
        String registry = firstText(data, "registry");
        String collection = firstText(data, "collection");
        String version = firstText(data, "version");
        if (collection != null && version != null && (project != null || registry != null)) {
            String owner = registry != null ? "registries/" + segment(registry) : "projects/" + segment(project);
            put(values, "artifact_url", entityPage + "/collections/" + owner + "/" + segment(collection)
                    + "/versions/" + segment(version));
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The value of an event variable, or null when the event has none (rendered as empty). */
    public JsonNode get(String name) {
        if (name.startsWith(METADATA_PREFIX)) {
            return member(metadata, name.substring(METADATA_PREFIX.length()));
        }
        if (name.startsWith(RUN_CONFIG_PREFIX)) {
            return member(runConfig, name.substring(RUN_CONFIG_PREFIX.length()));
        }
        return values.get(name);
    }

    /** {@code key} of {@code object}: the key as written, else the dotted path into nested objects; null if absent. */
    private static JsonNode member(JsonNode object, String key) {
        if (object == null) {
            return null;
        }
        JsonNode direct = object.get(key);
        if (direct != null) {
            return direct;
        }
        JsonNode nested = object.at("/" + key.replace("~", "~0").replace("/", "~1").replace('.', '/'));
        return nested.isMissingNode() ? null : nested;
    }

    /** Whether a name is an event variable (known, or metadata) rather than a secret reference. */
    public static boolean isEventVariable(String name) {
        return EVENT_VARIABLES.contains(name) || name.startsWith(METADATA_PREFIX) || name.startsWith(RUN_CONFIG_PREFIX);
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
