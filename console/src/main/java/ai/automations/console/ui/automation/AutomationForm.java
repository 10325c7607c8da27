package ai.automations.console.ui.automation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.console.ui.api.ApiCallException;
import ai.automations.console.ui.web.Forms;
import io.quarkus.qute.TemplateData;

/**
 * The automation form's fields, flat as HTML posts them, and their translation to and from the API's automation
 * JSON (scope, event with its filter and {@code where} expression, action, rate limit). Only the fields of the chosen
 * scope, event and action are sent; {@link EditMerge} keeps what the form does not show when an automation is edited.
 */
@TemplateData
public class AutomationForm {

    @RestForm public String name;
    @RestForm public String description;
    @RestForm public String enabled;
    @RestForm public String scopeType;
    @RestForm public String scopeIn;
    @RestForm public String project;
    @RestForm public String registry;
    @RestForm public String collection;
    @RestForm public String eventType;
    @RestForm public String aliasRegex;
    @RestForm public String tagRegex;
    @RestForm public String metric;
    @RestForm public String agg;
    @RestForm public String window;
    @RestForm public String cmp;
    @RestForm public String threshold;
    @RestForm public String currentWindow;
    @RestForm public String priorWindow;
    @RestForm public String changeType;
    @RestForm public String changeDir;
    @RestForm public String amount;
    @RestForm public List<String> states;
    @RestForm public String runNameRegex;
    @RestForm public String user;
    @RestForm public String minutes;
    @RestForm public String where;
    @RestForm public String rateLimitMax;
    @RestForm public String rateLimitPerSeconds;
    @RestForm public String actionType;
    @RestForm public String integration;
    @RestForm public String payload;
    @RestForm public String title;
    @RestForm public String message;
    @RestForm public String severity;

    /** A new automation's form, its scope taken from the page it was opened from. */
    public static AutomationForm blank(String scopeType, String project, String registry, String collection) {
        AutomationForm form = new AutomationForm();
        form.enabled = "true";
        form.scopeType = scopeType == null || scopeType.isBlank() ? "ENTITY" : scopeType;
        form.project = project;
        form.registry = registry;
        form.collection = collection;
        form.scopeIn = project != null && registry == null ? "project" : "registry";
        form.eventType = "ADD_ARTIFACT_ALIAS";
        form.actionType = "GENERIC_WEBHOOK";
        form.payload = "{\n  \"event\": \"${event_type}\",\n  \"version\": \"${artifact_version_string}\"\n}";
        form.severity = "INFO";
        form.states = List.of();
        return form;
    }

    /** The form of an existing automation (the API's JSON). */
    @SuppressWarnings("unchecked")
    public static AutomationForm of(Map<String, Object> automation, ObjectMapper json) {
        AutomationForm form = new AutomationForm();
        form.name = str(automation.get("name"));
        form.description = str(automation.get("description"));
        form.enabled = String.valueOf(!Boolean.FALSE.equals(automation.get("enabled")));
        Map<String, Object> scope = map(automation.get("scope"));
        form.scopeType = str(scope.get("type"));
        form.project = str(scope.get("project"));
        form.registry = str(scope.get("registry"));
        form.collection = str(scope.get("collection"));
        form.scopeIn = form.project != null ? "project" : "registry";
        Map<String, Object> event = map(automation.get("event"));
        form.eventType = str(event.get("type"));
        Map<String, Object> filter = map(event.get("filter"));
        form.aliasRegex = str(filter.get("aliasRegex"));
        form.tagRegex = str(filter.get("tagRegex"));
        form.metric = str(filter.get("metric"));
        form.agg = str(filter.get("agg"));
        form.window = str(filter.get("window"));
        form.cmp = str(filter.get("cmp"));
        form.threshold = str(filter.get("threshold"));
        form.currentWindow = str(filter.get("currentWindow"));
        form.priorWindow = str(filter.get("priorWindow"));
        form.changeType = str(filter.get("changeType"));
        form.changeDir = str(filter.get("changeDir"));
        form.amount = str(filter.get("amount"));
        form.states = filter.get("states") instanceof List<?> s ? (List<String>) s : List.of();
        form.runNameRegex = str(filter.get("runNameRegex"));
        form.user = str(filter.get("user"));
        form.minutes = str(filter.get("minutes"));
        form.where = filter.get("where") == null ? null : pretty(json, filter.get("where"));
        Map<String, Object> rateLimit = map(automation.get("rateLimit"));
        form.rateLimitMax = str(rateLimit.get("max"));
        form.rateLimitPerSeconds = str(rateLimit.get("perSeconds"));
        Map<String, Object> action = map(automation.get("action"));
        form.actionType = str(action.get("type"));
        form.integration = str(action.get("integration"));
        form.title = str(action.get("title"));
        form.message = str(action.get("message"));
        form.severity = str(action.get("severity"));
        form.payload = action.get("payload") == null ? "" : pretty(json, action.get("payload"));
        return form;
    }

    /** The API's automation JSON; a payload that is not JSON is refused naming the field, before any call. */
    public Map<String, Object> toRequest(ObjectMapper json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Forms.text(name));
        body.put("description", Forms.text(description));
        body.put("enabled", enabled != null && !"false".equals(enabled));
        body.put("scope", scope());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", Forms.text(eventType));
        Map<String, Object> filter = filter(json);
        if (!filter.isEmpty()) {
            event.put("filter", filter);
        }
        body.put("event", event);
        body.put("action", action(json));
        Map<String, Object> rateLimit = new LinkedHashMap<>();
        number(rateLimit, "max", rateLimitMax);
        number(rateLimit, "perSeconds", rateLimitPerSeconds);
        if (!rateLimit.isEmpty()) {
            body.put("rateLimit", rateLimit);
        }
        return body;
    }

    public boolean hasState(String state) {
        return states != null && states.contains(state);
    }

    private Map<String, Object> scope() {
        Map<String, Object> scope = new LinkedHashMap<>();
        String type = Forms.text(scopeType);
        scope.put("type", type);
        if ("PROJECT".equals(type)) {
            put(scope, "project", project);
        } else if ("REGISTRY".equals(type)) {
            put(scope, "registry", registry);
        } else if ("ARTIFACT_COLLECTION".equals(type)) {
            put(scope, "project".equals(scopeIn) ? "project" : "registry",
                    "project".equals(scopeIn) ? project : registry);
            put(scope, "collection", collection);
        }
        return scope;
    }

    private Map<String, Object> filter(ObjectMapper json) {
        Map<String, Object> filter = new LinkedHashMap<>();
        String type = eventType == null ? "" : eventType;
        switch (type) {
            case "ADD_ARTIFACT_ALIAS" -> put(filter, "aliasRegex", aliasRegex);
            case "ADD_ARTIFACT_TAG", "REMOVE_ARTIFACT_TAG", "ADD_COLLECTION_TAG", "REMOVE_COLLECTION_TAG" ->
                put(filter, "tagRegex", tagRegex);
            case "RUN_METRIC_THRESHOLD" -> {
                put(filter, "metric", metric);
                put(filter, "agg", agg);
                number(filter, "window", window);
                put(filter, "cmp", cmp);
                number(filter, "threshold", threshold);
            }
            case "RUN_METRIC_CHANGE" -> {
                put(filter, "metric", metric);
                put(filter, "agg", agg);
                number(filter, "currentWindow", currentWindow);
                number(filter, "priorWindow", priorWindow);
                put(filter, "changeType", changeType);
                put(filter, "changeDir", changeDir);
                number(filter, "amount", amount);
            }
            case "RUN_METRIC_ZSCORE" -> {
                put(filter, "metric", metric);
                number(filter, "window", window);
                number(filter, "threshold", threshold);
                put(filter, "changeDir", changeDir);
            }
            case "RUN_METRIC_DIVERGED" -> put(filter, "metric", metric);
            case "RUN_STALLED" -> number(filter, "minutes", minutes);
            case "RUN_STATE" -> filter.put("states", states == null ? List.of() : new ArrayList<>(states));
            default -> {
            }
        }
        if (type.startsWith("RUN_")) {
            put(filter, "runNameRegex", runNameRegex);
            put(filter, "user", user);
        }
        if (Forms.text(where) != null) {
            filter.put("where", parse(json, where, "The where expression", "event.filter.where"));
        }
        return filter;
    }

    private Map<String, Object> action(ObjectMapper json) {
        Map<String, Object> action = new LinkedHashMap<>();
        String type = Forms.text(actionType);
        action.put("type", type);
        if ("GENERIC_WEBHOOK".equals(type)) {
            put(action, "integration", integration);
            if (Forms.text(payload) != null) {
                action.put("payload", parse(json, payload, "The payload template", "action.payload"));
            }
        } else if ("NOTIFICATION".equals(type)) {
            put(action, "integration", integration);
            put(action, "title", title);
            put(action, "message", message);
            put(action, "severity", severity);
        }
        return action;
    }

    /** JSON typed into a text area, or a refusal naming the field before any call (nothing is saved). */
    private static JsonNode parse(ObjectMapper json, String text, String what, String field) {
        try {
            JsonNode parsed = json.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw new IllegalArgumentException("it is empty");
            }
            return parsed;
        } catch (Exception e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ApiCallException(400, "BAD_REQUEST", what + " is not valid JSON: " + why, field);
        }
    }

    private static String pretty(ObjectMapper json, Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (Exception e) {
            return "";
        }
    }

    private static void put(Map<String, Object> into, String field, String value) {
        String text = Forms.text(value);
        if (text != null) {
            into.put(field, text);
        }
    }

    /** A number field: sent as a JSON number when it reads as one, else as typed (the API names the field). */
    private static void number(Map<String, Object> into, String field, String value) {
        String text = Forms.text(value);
        if (text == null) {
            return;
        }
        try {
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                into.put(field, Double.parseDouble(text));
            } else {
                into.put(field, Long.parseLong(text));
            }
        } catch (NumberFormatException e) {
            into.put(field, text);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
