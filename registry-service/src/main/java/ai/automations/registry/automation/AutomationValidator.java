package ai.automations.registry.automation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

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
import ai.automations.common.automation.EventTrigger;
import ai.automations.common.automation.RateLimit;
import ai.automations.common.automation.RunState;
import ai.automations.common.error.ApiException;
import ai.automations.common.event.EventType;
import ai.automations.common.where.Where;
import ai.automations.common.where.WhereException;
import ai.automations.common.where.WhereField;
import ai.automations.registry.support.StrictJson;

/**
 * Checks the rules of an automation that span fields (the contract's table of which scopes, filter fields and action
 * fields go with which event and action types, and which of them are required) and normalises it; each field's own
 * rules are the constraints of {@link AutomationRequest} and {@link FilterInput}. Normalised means: {@link AutomationDefaults} filled in, inapplicable fields refused, {@code "agg": null} turned into
 * {@code LATEST}, {@code CRASHED} in {@code states} turned into {@code FAILED}. Consumers of the definitions topic
 * therefore read definitions as stored.
 * This part needs no database; {@link AutomationService} checks what does (integration, project, registry).
 */
@ApplicationScoped
public class AutomationValidator {

    static final int MAX_PAYLOAD_CHARS = 65_536;

    private static final Set<String> RUN_FILTER = Set.of("runNameRegex", "user", "where");
    /** The filter fields each event type takes (the contract's table). */
    private static final Map<EventType, Set<String>> FILTER_FIELDS = Map.ofEntries(
            Map.entry(EventType.CREATE_ARTIFACT, Set.of("where")),
            Map.entry(EventType.LINK_ARTIFACT, Set.of("where")),
            Map.entry(EventType.UNLINK_ARTIFACT, Set.of("where")),
            Map.entry(EventType.ADD_ARTIFACT_ALIAS, Set.of("aliasRegex", "where")),
            Map.entry(EventType.ADD_ARTIFACT_TAG, Set.of("tagRegex", "where")),
            Map.entry(EventType.REMOVE_ARTIFACT_TAG, Set.of("tagRegex", "where")),
            Map.entry(EventType.ADD_COLLECTION_TAG, Set.of("tagRegex", "where")),
            Map.entry(EventType.REMOVE_COLLECTION_TAG, Set.of("tagRegex", "where")),
            Map.entry(EventType.RUN_METRIC_THRESHOLD, with(RUN_FILTER, "metric", "agg", "window", "cmp", "threshold")),
            Map.entry(EventType.RUN_METRIC_CHANGE, with(RUN_FILTER, "metric", "agg", "currentWindow", "priorWindow",
                    "changeType", "changeDir", "amount")),
            Map.entry(EventType.RUN_METRIC_ZSCORE, with(RUN_FILTER, "metric", "window", "threshold", "changeDir")),
            Map.entry(EventType.RUN_STATE, with(RUN_FILTER, "states")),
            Map.entry(EventType.RUN_METRIC_DIVERGED, with(RUN_FILTER, "metric")),
            Map.entry(EventType.RUN_STALLED, with(RUN_FILTER, "minutes")));
    private static final Set<String> TRIGGERING_STATES = Set.of("RUNNING", "FINISHED", "FAILED", "CRASHED");

    /** A valid automation, normalised. */
    public record Normalised(String name, String description, boolean enabled, AutomationScope scope,
            EventTrigger event, ActionSpec action, RateLimit rateLimit) {
    }

    private final StrictJson json;

    public AutomationValidator(StrictJson json) {
        this.json = json;
    }

    /** The request (whose own constraints hold) checked across its fields and normalised. */
    public Normalised validate(AutomationRequest request) {
        AutomationScope scope = scope(request.scope());
        EventTrigger event = event(request.event(), scope);
        ActionSpec action = action(request.action());
        return new Normalised(request.name(), request.description(), AutomationDefaults.enabled(request.enabled()),
                scope, event, action, request.rateLimit());
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

    EventTrigger event(AutomationRequest.EventInput event, AutomationScope scope) {
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
        only(filter, type);
        FilterInput f = json.read(filter, FilterInput.class, "event.filter");
        JsonNode where = where(f.where(), type);
        boolean hasWhere = where != null;
        EventFilter normalised = switch (type) {
            case CREATE_ARTIFACT, LINK_ARTIFACT, UNLINK_ARTIFACT -> EventFilter.empty();
            case ADD_ARTIFACT_ALIAS -> EventFilter.aliasRegex(hasWhere ? f.aliasRegex()
                    : required(f.aliasRegex(), "aliasRegex", type));
            case ADD_ARTIFACT_TAG, REMOVE_ARTIFACT_TAG -> new EventFilter(null, hasWhere ? f.tagRegex()
                    : required(f.tagRegex(), "tagRegex", type), null, null, null, null, null, null, null, null, null,
                    null, null, null, null);
            case ADD_COLLECTION_TAG, REMOVE_COLLECTION_TAG -> new EventFilter(null, f.tagRegex(), null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
            case RUN_METRIC_THRESHOLD -> new EventFilter(null, null, required(f.metric(), "metric", type),
                    aggregation(filter, f), f.window(), Comparison.fromSymbol(required(f.cmp(), "cmp", type)),
                    required(f.threshold(), "threshold", type), null, null, null, null, null, null,
                    f.runNameRegex(), f.user());
            case RUN_METRIC_CHANGE -> new EventFilter(null, null, required(f.metric(), "metric", type),
                    aggregation(filter, f), null, null, null, f.currentWindow(), f.priorWindow(), f.changeType(),
                    required(f.changeDir(), "changeDir", type), required(f.amount(), "amount", type), null,
                    f.runNameRegex(), f.user());
            case RUN_METRIC_ZSCORE -> new EventFilter(null, null, required(f.metric(), "metric", type), null,
                    f.window(), null, positive(f.threshold(), "threshold"), null, null, null, f.changeDir(), null,
                    null, f.runNameRegex(), f.user());
            case RUN_STATE -> new EventFilter(null, null, null, null, null, null, null, null, null, null, null, null,
                    states(f.states()), f.runNameRegex(), f.user());
            case RUN_METRIC_DIVERGED -> new EventFilter(null, null, blankIsAbsent(f.metric(), type), null, null,
                    null, null, null, null, null, null, null, null, f.runNameRegex(), f.user());
            case RUN_STALLED -> EventFilter.stalled(required(f.minutes(), "minutes", type), f.runNameRegex(),
                    f.user());
        };
        return new EventTrigger(type, AutomationDefaults.filter(type, normalised.withWhere(where)));
    }

    /**
     * {@code event.filter.where}, compiled once here so that a malformed expression (400) or one over its limits or
     * with a regex RE2 refuses (422) is answered with the path of the node at fault; null when absent.
     */
    static JsonNode where(JsonNode where, EventType type) {
        if (where == null || where.isNull()) {
            return null;
        }
        try {
            Where.compile(where, WhereField.of(type));
            return where;
        } catch (WhereException e) {
            String field = e.pathUnder(filterField("where"));
            String message = "'" + field + "' " + e.getMessage() + ".";
            throw e.unprocessable() ? ApiException.unprocessable(message, field)
                    : ApiException.badRequest(message, field);
        }
    }

    private static void checkScope(EventType type, AutomationScope scope) {
        if (type == EventType.CREATE_ARTIFACT && (scope.type() == ScopeType.REGISTRY
                || scope.type() == ScopeType.ARTIFACT_COLLECTION && scope.project() == null)) {
            throw ApiException.unprocessable("CREATE_ARTIFACT happens only in projects: watch it on a project "
                    + "collection, a PROJECT or the ENTITY scope.", "scope");
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

    private static Set<String> with(Set<String> common, String... fields) {
        Set<String> all = new HashSet<>(common);
        all.addAll(List.of(fields));
        return Set.copyOf(all);
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

    /** Refuses a filter field (even a null one) that the event type does not take. */
    private static void only(JsonNode filter, EventType type) {
        Set<String> allowed = FILTER_FIELDS.get(type);
        Iterator<String> names = filter.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw ApiException.badRequest("Filter field '" + field + "' does not apply to " + type
                        + (allowed.isEmpty() ? " (it takes no filter)." : "; it takes " + new TreeSet<>(allowed)
                                + "."),
                        filterField(field));
            }
        }
    }

    private static <T> T required(T value, String name, EventType type) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw ApiException.badRequest("'" + filterField(name) + "' is required for " + type + ".",
                    filterField(name));
        }
        return value;
    }

    /** RUN_METRIC_DIVERGED's metric: a name, {@code "*"} (every metric) or absent (the same); never blank. */
    private static String blankIsAbsent(String metric, EventType type) {
        if (metric != null && metric.isBlank()) {
            throw ApiException.badRequest("'" + filterField("metric") + "' of " + type + " is a metric name or "
                    + "\"*\" (every metric).", filterField("metric"));
        }
        return metric;
    }

    /** A z-score threshold: any number is a threshold of a threshold rule, but a z-score's must be positive. */
    private static Double positive(Double value, String name) {
        if (value != null && value <= 0) {
            throw ApiException.badRequest("'" + filterField(name) + "' must be greater than 0.", filterField(name));
        }
        return value;
    }

    /** {@code agg}: absent takes the default, an explicit null is the latest value (LATEST). */
    private static Aggregation aggregation(JsonNode filter, FilterInput f) {
        return filter.has("agg") && filter.get("agg").isNull() ? Aggregation.LATEST : f.agg();
    }

    /** {@code states}: a non-empty subset of RUNNING, FINISHED, FAILED, CRASHED; a crash is a failure. */
    private static List<RunState> states(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw ApiException.badRequest("'" + filterField("states") + "' is required: a non-empty list of "
                    + "RUNNING, FINISHED, FAILED, CRASHED.", filterField("states"));
        }
        TreeSet<RunState> states = new TreeSet<>();
        for (String state : given) {
            if (!TRIGGERING_STATES.contains(state)) {
                throw ApiException.badRequest("'" + filterField("states") + "' may hold only FINISHED, FAILED and "
                        + "CRASHED.", filterField("states"));
            }
            states.add(RunState.valueOf(state).asTriggered());
        }
        return new ArrayList<>(states);
    }

    private static String filterField(String name) {
        return "event.filter." + name;
    }
}
