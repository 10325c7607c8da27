package ai.automations.trigger.event;

import static ai.automations.trigger.support.Fixtures.artifactData;
import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.projectCollection;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.registryCollection;
import static ai.automations.trigger.support.Fixtures.registryScope;
import static ai.automations.trigger.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every artifact event type at every scope it allows, over the real topics: an automation fires for exactly the events
 * in its scope that pass its filter, including collections that did not exist when it was created, and never when
 * disabled.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class ArtifactEventMatchingTest {

    @Inject
    AutomationCatalog catalog;

    private final String entity = unique("ent");
    private final String otherEntity = unique("other");

    /** One event of the test: where it happens and whether its alias/tag passes the filter. */
    private record Case(String name, CloudEvent event) {
    }

    @Test
    void everyArtifactEventTypeFiresExactlyInItsScope() {
        Kafka kafka = Pipeline.kafka();
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        Map<String, String> label = new HashMap<>();
        List<Case> cases = new ArrayList<>();
        for (EventType type : List.of(EventType.CREATE_ARTIFACT, EventType.LINK_ARTIFACT, EventType.UNLINK_ARTIFACT,
                EventType.ADD_ARTIFACT_ALIAS, EventType.ADD_ARTIFACT_TAG, EventType.REMOVE_ARTIFACT_TAG,
                EventType.ADD_COLLECTION_TAG, EventType.REMOVE_COLLECTION_TAG)) {
            EventFilter filter = switch (type) {
                case ADD_ARTIFACT_ALIAS -> EventFilter.aliasRegex("^prod");
                case ADD_ARTIFACT_TAG, REMOVE_ARTIFACT_TAG, ADD_COLLECTION_TAG, REMOVE_COLLECTION_TAG ->
                        Fixtures.tagRegex("^gpu-");
                default -> EventFilter.empty();
            };
            Map<String, CloudEvent> events = events(type);
            events.forEach((name, event) -> cases.add(new Case(type + ":" + name, event)));
            Map<String, AutomationScope> scopes = new LinkedHashMap<>();
            scopes.put("entity", entityScope());
            scopes.put("project p1", projectScope("p1"));
            scopes.put("registry r1", registryScope("r1"));
            scopes.put("collection p1/c1", projectCollection("p1", "c1"));
            scopes.put("collection r1/c1", registryCollection("r1", "c1"));
            Map<String, List<String>> fires = Map.of(
                    "entity", List.of("p1/c1", "p1/c2-new", "p2/c1", "r1/c1", "r1/c3-new", "r2/c1"),
                    "project p1", List.of("p1/c1", "p1/c2-new"),
                    "registry r1", List.of("r1/c1", "r1/c3-new"),
                    "collection p1/c1", List.of("p1/c1"),
                    "collection r1/c1", List.of("r1/c1"));
            for (Map.Entry<String, AutomationScope> scope : scopes.entrySet()) {
                boolean allowed = type != EventType.CREATE_ARTIFACT || !scope.getKey().contains("r1");
                AutomationDefinition enabled = automation(entity, scope.getValue(), type, filter, true);
                AutomationDefinition disabled = automation(entity, scope.getValue(), type, filter, false);
                Pipeline.define(catalog, enabled);
                Pipeline.define(catalog, disabled);
                label.put(enabled.id(), type + " @ " + scope.getKey());
                label.put(disabled.id(), type + " @ " + scope.getKey() + " (disabled)");
                Set<String> ids = new HashSet<>();
                if (allowed) {
                    for (String where : fires.get(scope.getKey())) {
                        CloudEvent event = events.get(where);
                        if (event != null) {
                            ids.add(event.id());
                        }
                    }
                }
                expected.put(enabled.id(), ids);
                expected.put(disabled.id(), Set.of());
            }
        }
        for (Case c : cases) {
            kafka.publishEvent(c.event().id(), c.event());
        }
        Pipeline.awaitEventsEvaluated();

        List<ActionRequest> actions = kafka.actions();
        Map<String, String> caseByEvent = cases.stream().collect(Collectors.toMap(c -> c.event().id(), Case::name));
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            List<ActionRequest> fired = actions.stream().filter(a -> a.automation().id().equals(e.getKey())).toList();
            Set<String> firedEvents = fired.stream().map(a -> caseByEvent.getOrDefault(a.event().id(), a.event().id()))
                    .collect(Collectors.toSet());
            Set<String> wanted = e.getValue().stream().map(caseByEvent::get).collect(Collectors.toSet());
            assertThat(firedEvents).as(label.get(e.getKey())).isEqualTo(wanted);
            assertThat(fired).as(label.get(e.getKey()) + ": once per event").hasSize(wanted.size());
            for (ActionRequest request : fired) {
                assertThat(request.id()).isEqualTo(ActionRequest.idFor(e.getKey(), request.event().id()));
                assertThat(request.automation().enabled()).isTrue();
                assertThat(request.event().data().get("entity").asText()).isEqualTo(entity);
            }
        }
    }

    /** The events of one type: in and around the scopes, with a passing and a failing alias/tag where it has one. */
    private Map<String, CloudEvent> events(EventType type) {
        Map<String, CloudEvent> events = new LinkedHashMap<>();
        boolean alias = type == EventType.ADD_ARTIFACT_ALIAS;
        boolean tag = type == EventType.ADD_ARTIFACT_TAG || type == EventType.REMOVE_ARTIFACT_TAG
                || type.isCollectionTagEvent();
        String goodAlias = alias ? "production" : null;
        String goodTag = tag ? "gpu-a100" : null;
        events.put("p1/c1", Fixtures.event(type, artifactData(entity, "p1", null, "c1", goodAlias, goodTag)));
        events.put("p1/c2-new", Fixtures.event(type, artifactData(entity, "p1", null, "c2-" + unique("n"), goodAlias, goodTag)));
        events.put("p2/c1", Fixtures.event(type, artifactData(entity, "p2", null, "c1", goodAlias, goodTag)));
        events.put("other-entity p1/c1", Fixtures.event(type, artifactData(otherEntity, "p1", null, "c1", goodAlias, goodTag)));
        if (type != EventType.CREATE_ARTIFACT) {
            events.put("r1/c1", Fixtures.event(type, artifactData(entity, null, "r1", "c1", goodAlias, goodTag)));
            events.put("r1/c3-new", Fixtures.event(type, artifactData(entity, null, "r1", "c3-" + unique("n"), goodAlias, goodTag)));
            events.put("r2/c1", Fixtures.event(type, artifactData(entity, null, "r2", "c1", goodAlias, goodTag)));
            events.put("other-entity r1/c1", Fixtures.event(type, artifactData(otherEntity, null, "r1", "c1", goodAlias, goodTag)));
        }
        if (alias || tag) {
            ArtifactEventData p = artifactData(entity, "p1", null, "c1", alias ? "staging" : null, tag ? "cpu-gpu-x" : null);
            ArtifactEventData r = artifactData(entity, null, "r1", "c1", alias ? "preprod" : null, tag ? "cpu" : null);
            events.put("p1/c1 filtered out", Fixtures.event(type, p));
            events.put("r1/c1 filtered out", Fixtures.event(type, r));
        }
        return events;
    }
}
