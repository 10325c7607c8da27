package ai.automations.trigger.definition;

import static ai.automations.trigger.support.Fixtures.artifactData;
import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.registryCollection;
import static ai.automations.trigger.support.Fixtures.unique;
import static ai.automations.trigger.support.Fixtures.withEnabled;
import static ai.automations.trigger.support.Fixtures.withFilter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Creating, editing, disabling and deleting an automation takes effect on the next event, without a restart. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class LiveDefinitionsTest {

    @Inject
    AutomationCatalog catalog;

    private final String entity = unique("ent");

    private CloudEvent alias(String alias) {
        CloudEvent event = Fixtures.event(EventType.ADD_ARTIFACT_ALIAS, artifactData(entity, null, "model", "fraud", alias, null));
        Pipeline.kafka().publishEvent("coll-fraud", event);
        Pipeline.awaitEventsEvaluated();
        return event;
    }

    private List<String> fired(AutomationDefinition automation) {
        return Pipeline.kafka().actionsFor(automation.id()).stream().map(ActionRequest::event).map(CloudEvent::id).toList();
    }

    @Test
    void definitionChangesApplyToTheNextEvent() {
        AutomationDefinition created = automation(entity, registryCollection("model", "fraud"),
                EventType.ADD_ARTIFACT_ALIAS, EventFilter.aliasRegex("^production$"), true);
        CloudEvent beforeCreation = alias("production");
        Pipeline.define(catalog, created);
        CloudEvent afterCreation = alias("production");
        assertThat(fired(created)).containsExactly(afterCreation.id());
        assertThat(fired(created)).doesNotContain(beforeCreation.id());

        AutomationDefinition edited = withFilter(created, EventFilter.aliasRegex("^staging$"));
        Pipeline.define(catalog, edited);
        alias("production");
        CloudEvent staging = alias("staging");
        assertThat(fired(created)).containsExactly(afterCreation.id(), staging.id());
        assertThat(Pipeline.kafka().actionsFor(created.id())).last()
                .satisfies(r -> assertThat(r.automation().event().filter().aliasRegex()).isEqualTo("^staging$"));

        Pipeline.define(catalog, withEnabled(edited, false));
        alias("staging");
        assertThat(fired(created)).hasSize(2);

        Pipeline.define(catalog, withEnabled(edited, true));
        CloudEvent reenabled = alias("staging");
        assertThat(fired(created)).hasSize(3).last().isEqualTo(reenabled.id());

        Pipeline.delete(catalog, created.id());
        alias("staging");
        assertThat(fired(created)).hasSize(3);
    }
}
