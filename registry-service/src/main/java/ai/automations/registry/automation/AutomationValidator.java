package ai.automations.registry.automation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.automation.AutomationDefaults;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.AutomationScope.ScopeType;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.automation.EventTrigger;
import ai.automations.common.automation.RunState;
import ai.automations.common.error.ApiException;
import ai.automations.common.event.EventType;
import ai.automations.common.validation.Re2jRegexValidator;

/**
 * Checks the rules of an automation that span fields (the contract's table of which scopes, filter fields and action
 * fields go with which event and action types; field-by-field rules are the request's constraints) and normalises
 * it: {@link AutomationDefaults} filled in, inapplicable fields refused, {@code "agg": null} turned into
 * {@code LATEST}, {@code CRASHED} in {@code states} turned into {@code FAILED}. Consumers of the definitions topic
 * therefore read definitions as stored.
 * This part needs no database; {@link AutomationService} checks what does (integration, project, registry).
 */
public final class AutomationValidator {

    static final int MAX_REGEX = 1000;
    static final int MAX_WINDOW = 10_000;
    static final int MAX_PAYLOAD_CHARS = 65_536;

    private static final Set<String> ARTIFACT_NO_FILTER = Set.of();
    private static final Set<String> ALIAS_FIELDS = Set.of("aliasRegex");
    private static final Set<String> TAG_FIELDS = Set.of("tagRegex");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("metric", "agg", "window", "cmp", "threshold",
            "runNameRegex", "user");
    private static final Set<String> CHANGE_FIELDS = Set.of("metric", "agg", "currentWindow", "priorWindow",
            "changeType", "changeDir", "amount", "runNameRegex", "user");
    private static final Set<String> ZSCORE_FIELDS = Set.of("metric", "window", "threshold", "changeDir",
            "runNameRegex", "user");
    private static final Set<String> STATE_FIELDS = Set.of("states", "runNameRegex", "user");

    /** A valid automation, normalised. */
    public record Normalised(String name, String description, boolean enabled, AutomationScope scope,
            EventTrigger event, ActionSpec action) {
    }

    private AutomationValidator() {
    }

    public static Normalised validate(AutomationRequest request) {
        AutomationScope scope = scope(request.scope());
        EventTrigger event = event(request.event(), scope);
        ActionSpec action = action(request.action());
        return new Normalised(request.name(), request.description(), AutomationDefaults.enabled(request.enabled()),
                scope, event, action);
    }

    static AutomationScope scope(AutomationScope scope) {
        if (scope == null || scope.type() == null) {
            throw ApiException.badRequest("'scope.type' is required: ENTITY, PROJECT, REGISTRY or ARTIFACT_COLLECTION.",
                    "scope.type");
        }
        return switch (scope.type()) {
            case ENTITY -> {
                absent(scope.project(), "scope.project", "an ENTITY scope");
                absent(scope.registry(), "scope.registry", "an ENTITY scope");
                absent(scope.collection(), "scope.collection", "an ENTITY scope");
                yield new AutomationScope(ScopeType.ENTITY, null, null, null);
            }
            case PROJECT -> {
                absent(scope.registry(), "scope.registry", "a PROJECT scope");
                absent(scope.collection(), "scope.collection", "a PROJECT scope");
                yield new AutomationScope(ScopeType.PROJECT, required(scope.project(), "scope.project"), null, null);
            }
            case REGISTRY -> {
                absent(scope.project(), "scope.project", "a REGISTRY scope");
                absent(scope.collection(), "scope.collection", "a REGISTRY scope");
                yield new AutomationScope(ScopeType.REGISTRY, null, required(scope.registry(), "scope.registry"),
                        null);
            }
            case ARTIFACT_COLLECTION -> {
                if ((scope.project() == null) == (scope.registry() == null)) {
                    throw ApiException.badRequest("An ARTIFACT_COLLECTION scope names exactly one of "
                            + "'project' and 'registry'.", "scope");
                }
                required(scope.collection(), "scope.collection");
                yield scope;
            }
        };
    }

    static EventTrigger event(AutomationRequest.EventInput event, AutomationScope scope) {
        if (event == null || event.type() == null) {
            throw ApiException.badRequest("'event.type' is required.", "event.type");
        }
        EventType type = event.type();
        JsonNode filter = event.filter() == null || event.filter().isNull()
                ? JsonNodeFactory.instance.objectNode() : event.filter();
        if (!filter.isObject()) {
            throw ApiException.badRequest("'event.filter' must be a JSON object.", "event.filter");
        }
        checkScope(type, scope);
        Filter f = new Filter(filter, type);
        EventFilter normalised = switch (type) {
            case CREATE_ARTIFACT, LINK_ARTIFACT, UNLINK_ARTIFACT -> {
                f.only(ARTIFACT_NO_FILTER);
                yield EventFilter.empty();
            }
            case ADD_ARTIFACT_ALIAS -> {
                f.only(ALIAS_FIELDS);
                yield new EventFilter(f.regex("aliasRegex", true), null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null);
            }
            case ADD_ARTIFACT_TAG, REMOVE_ARTIFACT_TAG -> {
                f.only(TAG_FIELDS);
                yield new EventFilter(null, f.regex("tagRegex", true), null, null, null, null, null, null, null,
                        null, null, null, null, null, null);
            }
            case RUN_METRIC_THRESHOLD -> {
                f.only(THRESHOLD_FIELDS);
                yield new EventFilter(null, null, f.metric(), f.aggregation(), f.window("window"), f.comparison(),
                        f.number("threshold", false, false), null, null, null, null, null, null,
                        f.regex("runNameRegex", false), f.user());
            }
            case RUN_METRIC_CHANGE -> {
                f.only(CHANGE_FIELDS);
                yield new EventFilter(null, null, f.metric(), f.aggregation(), null, null, null,
                        f.window("currentWindow"), f.window("priorWindow"),
                        f.enumValue("changeType", ChangeType.class, false),
                        f.enumValue("changeDir", ChangeDirection.class, true), f.number("amount", false, true), null,
                        f.regex("runNameRegex", false), f.user());
            }
            case RUN_METRIC_ZSCORE -> {
                f.only(ZSCORE_FIELDS);
                yield new EventFilter(null, null, f.metric(), null, f.window("window"), null,
                        f.number("threshold", true, true), null, null, null,
                        f.enumValue("changeDir", ChangeDirection.class, false), null, null,
                        f.regex("runNameRegex", false), f.user());
            }
            case RUN_STATE -> {
                f.only(STATE_FIELDS);
                yield new EventFilter(null, null, null, null, null, null, null, null, null, null, null, null,
                        f.states(), f.regex("runNameRegex", false), f.user());
            }
        };
        return new EventTrigger(type, AutomationDefaults.filter(type, normalised));
    }

    private static void checkScope(EventType type, AutomationScope scope) {
        if (type == EventType.CREATE_ARTIFACT
                && !(scope.type() == ScopeType.ARTIFACT_COLLECTION && scope.project() != null)) {
            throw ApiException.unprocessable("CREATE_ARTIFACT can only be watched on a project collection "
                    + "(an ARTIFACT_COLLECTION scope with 'project').", "scope");
        }
        if (type.isRunEvent() && scope.type() != ScopeType.PROJECT && scope.type() != ScopeType.ENTITY) {
            throw ApiException.unprocessable(type + " can only be watched on a PROJECT or ENTITY scope.", "scope");
        }
    }

    static ActionSpec action(AutomationRequest.ActionInput action) {
        if (action == null || action.type() == null) {
            throw ApiException.badRequest("'action.type' is required: GENERIC_WEBHOOK, NOTIFICATION or NO_OP.",
                    "action.type");
        }
        ActionType type = action.type();
        return switch (type) {
            case GENERIC_WEBHOOK -> {
                absent(action.title(), "action.title", "a GENERIC_WEBHOOK action");
                absent(action.message(), "action.message", "a GENERIC_WEBHOOK action");
                absent(action.severity(), "action.severity", "a GENERIC_WEBHOOK action");
                JsonNode payload = AutomationDefaults.payload(action.payload());
                if (payload.toString().length() > MAX_PAYLOAD_CHARS) {
                    throw ApiException.tooLarge("'action.payload' may be at most " + MAX_PAYLOAD_CHARS
                            + " characters of JSON.");
                }
                yield new ActionSpec(type, required(action.integration(), "action.integration"), payload,
                        null, null, null);
            }
            case NOTIFICATION -> {
                absent(action.payload(), "action.payload", "a NOTIFICATION action");
                if (action.severity() == null) {
                    throw ApiException.badRequest("'action.severity' is required: INFO, WARN or ERROR.",
                            "action.severity");
                }
                yield new ActionSpec(type, required(action.integration(), "action.integration"), null,
                        action.title(), action.message(), action.severity());
            }
            case NO_OP -> {
                absent(action.integration(), "action.integration", "a NO_OP action");
                absent(action.payload(), "action.payload", "a NO_OP action");
                absent(action.title(), "action.title", "a NO_OP action");
                absent(action.message(), "action.message", "a NO_OP action");
                absent(action.severity(), "action.severity", "a NO_OP action");
                yield new ActionSpec(type, null, null, null, null, null);
            }
        };
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw ApiException.badRequest("'" + field + "' is required.", field);
        }
        return value;
    }

    private static void absent(Object value, String field, String where) {
        if (value != null && !(value instanceof JsonNode node && node.isNull())) {
            throw ApiException.badRequest("'" + field + "' does not apply to " + where + ".", field);
        }
    }

    /** Reads one filter object, field by field, with the contract's defaults. */
    private static final class Filter {
        private final JsonNode node;
        private final EventType type;

        Filter(JsonNode node, EventType type) {
            this.node = node;
            this.type = type;
        }

        void only(Set<String> allowed) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (!allowed.contains(field)) {
                    throw ApiException.badRequest("Filter field '" + field + "' does not apply to " + type
                            + (allowed.isEmpty() ? " (it takes no filter)." : "; it takes " + new TreeSet<>(allowed)
                                    + "."),
                            field(field));
                }
            }
        }

        String metric() {
            return maxLength(text("metric", true), "metric", 256);
        }

        String user() {
            return maxLength(text("user", false), "user", 255);
        }

        String regex(String name, boolean required) {
            String regex = text(name, required);
            if (regex == null) {
                return null;
            }
            maxLength(regex, name, MAX_REGEX);
            String problem = Re2jRegexValidator.problem(regex);
            if (problem != null) {
                throw ApiException.unprocessable("'" + field(name) + "' is not a valid regular expression (RE2 "
                        + "syntax): " + problem + ".", field(name));
            }
            return regex;
        }

        /** {@code agg}: absent takes the default, an explicit null is the latest value (LATEST). */
        Aggregation aggregation() {
            if (node.has("agg") && node.get("agg").isNull()) {
                return Aggregation.LATEST;
            }
            return enumValue("agg", Aggregation.class, false);
        }

        Comparison comparison() {
            String cmp = text("cmp", true);
            return Arrays.stream(Comparison.values()).filter(c -> c.symbol().equals(cmp)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("'" + field("cmp")
                            + "' must be one of >, >=, <, <=, ==, !=.", field("cmp")));
        }

        /** A window length, or {@code null} when absent (the default applies). */
        Integer window(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0
                    || value.intValue() > MAX_WINDOW) {
                throw ApiException.badRequest("'" + field(name) + "' must be a whole number from 1 to " + MAX_WINDOW
                        + ".", field(name));
            }
            return value.intValue();
        }

        /** A number; {@code null} when absent and it has a default. */
        Double number(String name, boolean hasDefault, boolean positive) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                if (!hasDefault) {
                    throw ApiException.badRequest("'" + field(name) + "' is required for " + type + ".", field(name));
                }
                return null;
            }
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw ApiException.badRequest("'" + field(name) + "' must be a number.", field(name));
            }
            if (positive && value.doubleValue() <= 0) {
                throw ApiException.badRequest("'" + field(name) + "' must be greater than 0.", field(name));
            }
            return value.doubleValue();
        }

        /** An enum value; {@code null} when absent and not required (the default applies). */
        <E extends Enum<E>> E enumValue(String name, Class<E> type, boolean required) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                if (required) {
                    throw ApiException.badRequest("'" + field(name) + "' is required for " + this.type + ": one of "
                            + Arrays.toString(type.getEnumConstants()) + ".", field(name));
                }
                return null;
            }
            try {
                return Enum.valueOf(type, value.isTextual() ? value.asText() : "");
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'" + field(name) + "' must be one of "
                        + Arrays.toString(type.getEnumConstants()) + ".", field(name));
            }
        }

        /** {@code states}: a non-empty subset of FINISHED, FAILED, CRASHED; a crash is a failure. */
        List<RunState> states() {
            JsonNode value = node.get("states");
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw ApiException.badRequest("'" + field("states") + "' is required: a non-empty list of FINISHED, "
                        + "FAILED, CRASHED.", field("states"));
            }
            TreeSet<RunState> states = new TreeSet<>();
            for (JsonNode state : value) {
                String text = state.isTextual() ? state.asText() : "";
                if (!Set.of("FINISHED", "FAILED", "CRASHED").contains(text)) {
                    throw ApiException.badRequest("'" + field("states") + "' may hold only FINISHED, FAILED and "
                            + "CRASHED.", field("states"));
                }
                states.add(RunState.valueOf(text).asTriggered());
            }
            return new ArrayList<>(states);
        }

        private String text(String name, boolean required) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                if (required) {
                    throw ApiException.badRequest("'" + field(name) + "' is required for " + type + ".", field(name));
                }
                return null;
            }
            if (!value.isTextual()) {
                throw ApiException.badRequest("'" + field(name) + "' must be a string.", field(name));
            }
            if (required && value.asText().isBlank()) {
                throw ApiException.badRequest("'" + field(name) + "' may not be blank.", field(name));
            }
            return value.asText();
        }

        private static String maxLength(String value, String name, int max) {
            if (value != null && value.length() > max) {
                throw ApiException.badRequest("'" + field(name) + "' may have at most " + max + " characters.",
                        field(name));
            }
            return value;
        }

        private static String field(String name) {
            return "event.filter." + name;
        }
    }
}
