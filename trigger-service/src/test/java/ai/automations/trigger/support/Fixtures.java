package ai.automations.trigger.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.AutomationScope.ScopeType;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.automation.EventTrigger;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.RunStateEventData;

/** Definitions, events and metric points as registry-service would publish them. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static AutomationScope entityScope() {
        return new AutomationScope(ScopeType.ENTITY, null, null, null);
    }

    public static AutomationScope projectScope(String project) {
        return new AutomationScope(ScopeType.PROJECT, project, null, null);
    }

    public static AutomationScope registryScope(String registry) {
        return new AutomationScope(ScopeType.REGISTRY, null, registry, null);
    }

    public static AutomationScope projectCollection(String project, String collection) {
        return new AutomationScope(ScopeType.ARTIFACT_COLLECTION, project, null, collection);
    }

    public static AutomationScope registryCollection(String registry, String collection) {
        return new AutomationScope(ScopeType.ARTIFACT_COLLECTION, null, registry, collection);
    }

    public static AutomationDefinition automation(String entity, AutomationScope scope, EventType type, EventFilter filter,
            boolean enabled) {
        return automation(UUID.randomUUID().toString(), entity, scope, type, filter, enabled,
                new ActionSpec(ActionSpec.ActionType.NO_OP, null, null, null, null, null));
    }

    public static AutomationDefinition automation(String id, String entity, AutomationScope scope, EventType type,
            EventFilter filter, boolean enabled, ActionSpec action) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new AutomationDefinition(id, entity, "automation-" + id, null, enabled, scope,
                new EventTrigger(type, filter), action, "u-test", now, now);
    }

    public static AutomationDefinition withEnabled(AutomationDefinition d, boolean enabled) {
        return new AutomationDefinition(d.id(), d.entity(), d.name(), d.description(), enabled, d.scope(), d.event(),
                d.action(), d.createdBy(), d.createdAt(), OffsetDateTime.now(ZoneOffset.UTC));
    }

    public static AutomationDefinition withFilter(AutomationDefinition d, EventFilter filter) {
        return new AutomationDefinition(d.id(), d.entity(), d.name(), d.description(), d.enabled(), d.scope(),
                new EventTrigger(d.event().type(), filter), d.action(), d.createdBy(), d.createdAt(),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    public static EventFilter tagRegex(String regex) {
        return new EventFilter(null, regex, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static EventFilter threshold(String metric, Aggregation agg, int window, Comparison cmp, double threshold) {
        return new EventFilter(null, null, metric, agg, window, cmp, threshold, null, null, null, null, null, null, null, null);
    }

    public static EventFilter change(String metric, Aggregation agg, int current, int prior, ChangeType type,
            ChangeDirection dir, double amount) {
        return new EventFilter(null, null, metric, agg, null, null, null, current, prior, type, dir, amount, null, null, null);
    }

    public static EventFilter zscore(String metric, int window, double threshold, ChangeDirection dir) {
        return new EventFilter(null, null, metric, null, window, null, threshold, null, null, null, dir, null, null, null, null);
    }

    public static EventFilter runState(List<RunState> states, String runNameRegex, String user) {
        return new EventFilter(null, null, null, null, null, null, null, null, null, null, null, null, states, runNameRegex, user);
    }

    public static EventFilter withRunFilters(EventFilter f, String runNameRegex, String user) {
        return new EventFilter(f.aliasRegex(), f.tagRegex(), f.metric(), f.agg(), f.window(), f.cmp(), f.threshold(),
                f.currentWindow(), f.priorWindow(), f.changeType(), f.changeDir(), f.amount(), f.states(), runNameRegex, user);
    }

    public static ArtifactEventData artifactData(String entity, String project, String registry, String collection,
            String alias, String tag) {
        String parent = project != null ? project : registry;
        return new ArtifactEventData(entity, project, registry, collection, entity + "/" + parent + "/" + collection,
                "model", "art-1", "model", "v3", 3, entity + "/" + parent + "/" + collection + ":v3", "sha256:abc",
                alias, tag, "alice", null, java.util.Map.of("accuracy", 0.93));
    }

    public static CloudEvent event(EventType type, Object data) {
        JsonNode json = Kafka.JSON.valueToTree(data);
        return CloudEvent.of(UUID.randomUUID().toString(), "/test", type, null, OffsetDateTime.now(ZoneOffset.UTC), json);
    }

    public static CloudEvent runStateEvent(String entity, String project, String runId, String runName, String user,
            RunState state) {
        return event(EventType.RUN_STATE, new RunStateEventData(entity, project, runId, runName, user, state.name(), user));
    }

    public static RunMetricRecord point(String entity, String project, String runId, String runName, String user,
            String metric, long step, double value) {
        return new RunMetricRecord(entity, project, runId, runName, user, metric, step, value, Instant.now());
    }
}
