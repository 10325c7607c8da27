package ai.automations.trigger.evaluation;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.AutomationScope.ScopeType;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.EventType;
import ai.automations.common.where.Where;
import ai.automations.common.where.WhereException;
import ai.automations.common.where.WhereField;
import ai.automations.common.where.WhereSubject;
import ai.automations.common.where.WhereSubjects;

/**
 * An automation ready to be matched: its regexes and its {@code where} expression compiled once (RE2J, linear time),
 * its run-state set normalised (a crash is a failure) and, for run-metric automations, its rule compiled.
 */
public final class CompiledAutomation {

    private final AutomationDefinition definition;
    private final EventType type;
    private final AutomationScope scope;
    private final Pattern aliasRegex;
    private final Pattern tagRegex;
    private final Pattern runNameRegex;
    private final String user;
    private final Set<RunState> states;
    private final MetricRule metricRule;
    private final Where where;
    private final int stallMinutes;

    private CompiledAutomation(AutomationDefinition definition) {
        this.definition = definition;
        if (definition.event() == null || definition.event().type() == null) {
            throw new InvalidAutomationException("event.type is missing");
        }
        this.type = definition.event().type();
        this.scope = checkedScope(definition.scope(), type);
        EventFilter filter = definition.event().filter() == null ? EventFilter.empty() : definition.event().filter();
        this.aliasRegex = type == EventType.ADD_ARTIFACT_ALIAS ? regex(filter.aliasRegex(), "aliasRegex") : null;
        this.tagRegex = type == EventType.ADD_ARTIFACT_TAG || type == EventType.REMOVE_ARTIFACT_TAG
                || type.isCollectionTagEvent()
                ? regex(filter.tagRegex(), "tagRegex")
                : null;
        this.where = where(filter, type);
        this.runNameRegex = type.isRunEvent() ? regex(filter.runNameRegex(), "runNameRegex") : null;
        this.user = type.isRunEvent() && filter.user() != null && !filter.user().isBlank() ? filter.user() : null;
        this.states = type == EventType.RUN_STATE ? states(filter) : Set.of();
        try {
            this.metricRule = type.isRunMetricEvent() ? MetricRule.of(type, filter) : null;
        } catch (IllegalArgumentException e) {
            throw new InvalidAutomationException(e.getMessage());
        }
        this.stallMinutes = type == EventType.RUN_STALLED ? minutes(filter) : 0;
    }

    /** RUN_STALLED's {@code minutes}, 1 to 1440. */
    private static int minutes(EventFilter filter) {
        Integer minutes = filter.minutes();
        if (minutes == null || minutes < 1 || minutes > 1440) {
            throw new InvalidAutomationException("filter.minutes must be a whole number from 1 to 1440");
        }
        return minutes;
    }

    /** How long a RUN_STALLED automation waits for history, in milliseconds (0 for other types). */
    public long stallMillis() {
        return stallMinutes * 60_000L;
    }

    /** Compiles a definition, or fails with {@link InvalidAutomationException} saying what is wrong with it. */
    public static CompiledAutomation compile(AutomationDefinition definition) {
        return new CompiledAutomation(definition);
    }

    public AutomationDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    public String entity() {
        return definition.entity();
    }

    public EventType type() {
        return type;
    }

    public AutomationScope scope() {
        return scope;
    }

    public MetricRule metricRule() {
        return metricRule;
    }

    /** Whether an artifact event's location lies within the scope (the index answers the same question by lookup). */
    public boolean scopeCovers(ArtifactEventData data) {
        if (!definition.entity().equals(data.entity())) {
            return false;
        }
        return switch (scope.type()) {
            case ENTITY -> true;
            case PROJECT -> scope.project().equals(data.project());
            case REGISTRY -> scope.registry().equals(data.registry());
            case ARTIFACT_COLLECTION -> scope.collection().equals(data.collection())
                    && (scope.project() != null ? scope.project().equals(data.project())
                            : scope.registry().equals(data.registry()));
        };
    }

    /** Whether a run of {@code entity}/{@code project} lies within the scope. */
    public boolean scopeCoversRun(String entity, String project) {
        return definition.entity().equals(entity)
                && (scope.type() == ScopeType.ENTITY || scope.project().equals(project));
    }

    /** The alias or tag filter of an artifact event; other artifact events have none. */
    public boolean filterAccepts(ArtifactEventData data) {
        if (aliasRegex != null) {
            return data.alias() != null && aliasRegex.matcher(data.alias()).find();
        }
        if (tagRegex != null) {
            return data.tag() != null && tagRegex.matcher(data.tag()).find();
        }
        return true;
    }

    /** The run filters every run event takes: {@code runNameRegex} and {@code user}. */
    public boolean acceptsRun(String runName, String runUser) {
        if (runNameRegex != null && (runName == null || !runNameRegex.matcher(runName).find())) {
            return false;
        }
        return user == null || user.equals(runUser);
    }

    /** Whether a run that reached {@code state} triggers this RUN_STATE automation; KILLED never does. */
    public boolean acceptsState(RunState state) {
        return state != RunState.KILLED && states.contains(state.asTriggered());
    }

    /** The compiled {@code where} expression, or null when the filter has none. */
    public Where where() {
        return where;
    }

    /** Whether the {@code where} expression (if any) accepts an artifact event. */
    public boolean whereAccepts(ArtifactEventData data) {
        return where == null || where.test(WhereSubjects.artifact(data));
    }

    /** Whether the {@code where} expression (if any) accepts a run. */
    public boolean whereAcceptsRun(String runName, String runUser, List<String> tags, Map<String, Object> config) {
        return where == null || where.test(WhereSubjects.run(runName, runUser, tags, config));
    }

    /** As {@link #whereAccepts}, adding to {@code failures} why not. */
    public boolean whereExplains(WhereSubject subject, List<String> failures) {
        return where == null || where.explain(subject, failures);
    }

    public boolean hasAliasOrTagFilter() {
        return aliasRegex != null || tagRegex != null;
    }

    public String aliasOrTagPattern() {
        return aliasRegex != null ? aliasRegex.pattern() : tagRegex != null ? tagRegex.pattern() : null;
    }

    public String runFilterDescription() {
        return "runNameRegex=" + (runNameRegex == null ? "any" : runNameRegex.pattern()) + ", user="
                + (user == null ? "any" : user);
    }

    private static AutomationScope checkedScope(AutomationScope scope, EventType type) {
        if (scope == null || scope.type() == null) {
            throw new InvalidAutomationException("scope.type is missing");
        }
        switch (scope.type()) {
            case PROJECT -> require(scope.project(), "scope.project");
            case REGISTRY -> require(scope.registry(), "scope.registry");
            case ARTIFACT_COLLECTION -> {
                require(scope.collection(), "scope.collection");
                if ((scope.project() == null) == (scope.registry() == null)) {
                    throw new InvalidAutomationException("a collection scope names exactly one of project or registry");
                }
            }
            default -> {
            }
        }
        if (type == EventType.CREATE_ARTIFACT && (scope.type() == ScopeType.REGISTRY
                || scope.type() == ScopeType.ARTIFACT_COLLECTION && scope.project() == null)) {
            throw new InvalidAutomationException("CREATE_ARTIFACT listens only on a project collection, a PROJECT "
                    + "or the ENTITY scope");
        }
        if (type.isRunEvent() && scope.type() != ScopeType.PROJECT && scope.type() != ScopeType.ENTITY) {
            throw new InvalidAutomationException(type + " listens only on a PROJECT or ENTITY scope");
        }
        return scope;
    }

    private static Where where(EventFilter filter, EventType type) {
        if (filter.where() == null || filter.where().isNull()) {
            return null;
        }
        try {
            return Where.compile(filter.where(), WhereField.of(type));
        } catch (WhereException e) {
            throw new InvalidAutomationException("'" + e.pathUnder("filter.where") + "' " + e.getMessage());
        }
    }

    private static Set<RunState> states(EventFilter filter) {
        if (filter.states() == null || filter.states().isEmpty()) {
            throw new InvalidAutomationException("filter.states must name at least one of RUNNING, FINISHED, FAILED, "
                    + "CRASHED");
        }
        Set<RunState> states = EnumSet.noneOf(RunState.class);
        for (RunState state : filter.states()) {
            if (state != null) {
                states.add(state.asTriggered());
            }
        }
        return states;
    }

    private static Pattern regex(String regex, String field) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidAutomationException("filter." + field + " does not compile: " + e.getDescription());
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidAutomationException(field + " is missing");
        }
    }
}
