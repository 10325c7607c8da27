package ai.automations.trigger.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStateEventData;
import ai.automations.common.where.WhereSubject;
import ai.automations.common.where.WhereSubjects;

/**
 * The one place that decides whether an event triggers an automation: whether the definition takes part, the event
 * type, the scope (with the CREATE_ARTIFACT rule), the alias/tag regex, the {@code where} expression, the run state
 * and run filters, the metric
 * window condition and the 24-hour rule. Live matching (events, metric points, the firing ledger) and dry-runs both
 * call these checks; each writes what it found to a {@link Trace}, which live matching leaves {@link Trace#OFF} so
 * that no line is built. The automation index only narrows the candidates by lookup; the decision is made here.
 */
public final class AutomationEvaluator {

    /** The last firing of an automation for a run when it never fired. */
    public static final long NEVER = Long.MIN_VALUE;

    private AutomationEvaluator() {
    }

    /** A published definition takes part in matching when it is valid and enabled. */
    public static boolean active(AutomationDefinition definition, String problem, Trace trace) {
        if (problem != null) {
            if (trace.recording()) {
                trace.add("definition: not evaluated: " + problem);
            }
            return false;
        }
        if (!definition.enabled()) {
            if (trace.recording()) {
                trace.add("disabled: the automation is disabled");
            }
            return false;
        }
        if (trace.recording()) {
            trace.add("enabled: yes");
        }
        return true;
    }

    /** Whether the event is of the type the automation waits for. */
    public static boolean eventType(CompiledAutomation automation, EventType type, Trace trace) {
        boolean same = automation.type() == type;
        if (trace.recording()) {
            trace.add(same ? "event type: " + type
                    : "event type: " + type + " does not trigger this automation, which waits for " + automation.type());
        }
        return same;
    }

    /**
     * An artifact event of the automation's type: its scope covers the collection, its alias/tag regex matches, its
     * {@code where} holds.
     */
    public static boolean artifact(CompiledAutomation automation, ArtifactEventData data, Trace trace) {
        boolean ok = artifactScope(automation, data, trace);
        if (!ok && !trace.recording()) {
            return false;
        }
        ok &= aliasOrTag(automation, data, trace);
        if (!ok && !trace.recording()) {
            return false;
        }
        if (!trace.recording()) {
            return automation.whereAccepts(data);
        }
        return where(automation, WhereSubjects.artifact(data), trace) && ok;
    }

    /** A RUN_STATE event: scope, state ({@code state} as {@link #runState(String)} read it) and run filters. */
    public static boolean runState(CompiledAutomation automation, RunStateEventData data, RunState state, Trace trace) {
        boolean ok = runScope(automation, data.entity(), data.project(), trace);
        if (!ok && !trace.recording()) {
            return false;
        }
        ok &= state(automation, data.state(), state, trace);
        if (!ok && !trace.recording()) {
            return false;
        }
        ok &= runFilters(automation, data.runName(), data.user(), trace);
        if (!trace.recording()) {
            return ok && automation.whereAcceptsRun(data.runName(), data.user(), data.tags(), data.config());
        }
        return where(automation, WhereSubjects.run(data.runName(), data.user(), data.tags(), data.config()), trace)
                && ok;
    }

    /** As {@link #runMetric(CompiledAutomation, String, String, String, String, List, Map, Trace)}, without config. */
    public static boolean runMetric(CompiledAutomation automation, String entity, String project, String runName,
            String user, List<String> tags, Trace trace) {
        return runMetric(automation, entity, project, runName, user, tags, null, trace);
    }

    /**
     * A point of a run's metric (or a RUNNING run a stall rule watches): the scope covers the run and the run filters
     * (and {@code where}, on the run's tags and config) accept it.
     */
    public static boolean runMetric(CompiledAutomation automation, String entity, String project, String runName,
            String user, List<String> tags, Map<String, Object> config, Trace trace) {
        boolean ok = runScope(automation, entity, project, trace);
        if (!ok && !trace.recording()) {
            return false;
        }
        ok &= runFilters(automation, runName, user, trace);
        if (!trace.recording()) {
            return ok && automation.whereAcceptsRun(runName, user, tags, config);
        }
        return where(automation, WhereSubjects.run(runName, user, tags, config), trace) && ok;
    }

    /** The {@code where} expression, traced: one line per node that failed, with the value it saw. */
    private static boolean where(CompiledAutomation automation, WhereSubject subject, Trace trace) {
        if (automation.where() == null) {
            return true;
        }
        List<String> failures = new ArrayList<>();
        boolean accepted = automation.whereExplains(subject, failures);
        if (accepted) {
            trace.add("filter: where " + automation.where() + " holds");
        } else {
            for (String failure : failures) {
                trace.add("filter: " + failure);
            }
        }
        return accepted;
    }

    /** Whether the automation's rule watches this metric. */
    public static boolean watches(CompiledAutomation automation, String metric, Trace trace) {
        String watched = automation.metricRule().metric();
        boolean same = automation.metricRule().watchesEveryMetric() || watched.equals(metric);
        if (!same && trace.recording()) {
            trace.add("filter: metric '" + metric + "' is not '" + watched + "'");
        }
        return same;
    }

    /**
     * The metric condition on a run's most recent values: the value that decided (see {@link MetricRule#evaluate}), or
     * NaN when the rule does not fire (window not full, condition not met).
     */
    public static double rule(MetricRule rule, RecentValues values, Trace trace) {
        double value = rule.evaluate(values);
        if (trace.recording()) {
            String explanation = rule.explain(values);
            trace.add(values.size() < rule.needed() ? explanation : "rule: " + explanation);
        }
        return value;
    }

    /**
     * The 24-hour rule: whether an automation that last fired for this run at {@code lastFired} ({@link #NEVER} if it
     * never did) must stay quiet at {@code now}.
     */
    public static boolean coolingDown(String runId, long lastFired, long now, long cooldownMillis, Trace trace) {
        boolean quiet = lastFired != NEVER && now - lastFired < cooldownMillis;
        if (trace.recording()) {
            trace.add(quiet
                    ? "cooldown: fired for run '" + runId + "' at " + Instant.ofEpochMilli(lastFired)
                            + "; it may fire again for this run after " + Instant.ofEpochMilli(lastFired + cooldownMillis)
                    : "cooldown: none for run '" + runId + "'");
        }
        return quiet;
    }

    /** The run state an event names, or null when it names none we know. */
    public static RunState runState(String state) {
        if (state == null) {
            return null;
        }
        try {
            return RunState.valueOf(state);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean artifactScope(CompiledAutomation automation, ArtifactEventData data, Trace trace) {
        if (automation.type() == EventType.CREATE_ARTIFACT && data.project() == null) {
            if (trace.recording()) {
                trace.add("scope: CREATE_ARTIFACT happens only in project collections");
            }
            return false;
        }
        boolean covers = automation.scopeCovers(data);
        if (trace.recording()) {
            String where = data.project() != null ? "project '" + data.project() + "'"
                    : data.registry() != null ? "registry '" + data.registry() + "'" : "no project or registry";
            String location = "collection '" + data.collection() + "' of " + where + " in entity '" + data.entity() + "'";
            trace.add("scope: " + describe(automation.scope()) + (covers ? " covers " : " does not cover ") + location);
        }
        return covers;
    }

    private static boolean aliasOrTag(CompiledAutomation automation, ArtifactEventData data, Trace trace) {
        if (!automation.hasAliasOrTagFilter()) {
            return true;
        }
        boolean accepted = automation.filterAccepts(data);
        if (trace.recording()) {
            boolean alias = automation.type() == EventType.ADD_ARTIFACT_ALIAS;
            if (automation.type().isCollectionTagEvent()) {
                trace.add("filter: collection tag '" + data.tag() + "' " + (accepted ? "matches " : "does not match ")
                        + automation.aliasOrTagPattern());
                return accepted;
            }
            trace.add("filter: " + (alias ? "alias" : "tag") + " '" + (alias ? data.alias() : data.tag()) + "' "
                    + (accepted ? "matches " : "does not match ") + automation.aliasOrTagPattern());
        }
        return accepted;
    }

    private static boolean state(CompiledAutomation automation, String named, RunState state, Trace trace) {
        if (state == null) {
            if (trace.recording()) {
                trace.add("filter: run state '" + named + "' is not a run state");
            }
            return false;
        }
        if (state == RunState.KILLED) {
            if (trace.recording()) {
                trace.add("filter: a KILLED run never triggers an automation");
            }
            return false;
        }
        boolean accepted = automation.acceptsState(state);
        if (trace.recording()) {
            String shown = state == RunState.CRASHED ? "CRASHED (counted as FAILED)" : state.name();
            trace.add("filter: run state " + shown + (accepted ? " is one of" : " is not one of")
                    + " the states the automation waits for");
        }
        return accepted;
    }

    private static boolean runScope(CompiledAutomation automation, String entity, String project, Trace trace) {
        boolean covers = automation.scopeCoversRun(entity, project);
        if (trace.recording()) {
            trace.add("scope: " + describe(automation.scope()) + (covers ? " covers" : " does not cover")
                    + " a run in project '" + project + "' of entity '" + entity + "'");
        }
        return covers;
    }

    /** The run filters every run event takes (metric rules included): {@code runNameRegex} and {@code user}. */
    private static boolean runFilters(CompiledAutomation automation, String runName, String user, Trace trace) {
        boolean accepted = automation.acceptsRun(runName, user);
        if (trace.recording()) {
            trace.add("filter: run '" + runName + "' of user '" + user + "' " + (accepted ? "passes " : "fails ")
                    + automation.runFilterDescription());
        }
        return accepted;
    }

    private static String describe(AutomationScope scope) {
        return switch (scope.type()) {
            case ENTITY -> "the entity scope";
            case PROJECT -> "project scope '" + scope.project() + "'";
            case REGISTRY -> "registry scope '" + scope.registry() + "'";
            case ARTIFACT_COLLECTION -> "collection scope '" + scope.collection() + "' of "
                    + (scope.project() != null ? "project '" + scope.project() + "'" : "registry '" + scope.registry() + "'");
        };
    }
}
