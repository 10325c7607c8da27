package ai.automations.trigger.event;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.runState;
import static ai.automations.trigger.support.Fixtures.runStateEvent;
import static ai.automations.trigger.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** RUN_STATE over the real topics: states (a crash is a failure, a kill nothing), scopes and run filters. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class RunStateEventTest {

    @Inject
    AutomationCatalog catalog;

    @Test
    void runStateAutomationsFireOnTheirStatesScopesAndRuns() {
        String entity = unique("ent");
        AutomationDefinition finishedAnywhere = automation(entity, entityScope(), EventType.RUN_STATE,
                runState(List.of(RunState.FINISHED), null, null), true);
        AutomationDefinition failedTrainingOfBob = automation(entity, projectScope("p1"), EventType.RUN_STATE,
                runState(List.of(RunState.FAILED), "^train-", "bob"), true);
        AutomationDefinition crashed = automation(entity, projectScope("p1"), EventType.RUN_STATE,
                runState(List.of(RunState.CRASHED), null, null), true);
        AutomationDefinition disabled = automation(entity, entityScope(), EventType.RUN_STATE,
                runState(List.of(RunState.FINISHED, RunState.FAILED), null, null), false);
        for (AutomationDefinition d : List.of(finishedAnywhere, failedTrainingOfBob, crashed, disabled)) {
            Pipeline.define(catalog, d);
        }
        CloudEvent finishedP2 = runStateEvent(entity, "p2", "r1", "train-1", "bob", RunState.FINISHED);
        CloudEvent failedP1 = runStateEvent(entity, "p1", "r2", "train-2", "bob", RunState.FAILED);
        CloudEvent crashedP1 = runStateEvent(entity, "p1", "r3", "train-3", "bob", RunState.CRASHED);
        CloudEvent crashedEval = runStateEvent(entity, "p1", "r4", "eval-4", "bob", RunState.CRASHED);
        CloudEvent failedAlice = runStateEvent(entity, "p1", "r5", "train-5", "alice", RunState.FAILED);
        CloudEvent killed = runStateEvent(entity, "p1", "r6", "train-6", "bob", RunState.KILLED);
        CloudEvent failedP2 = runStateEvent(entity, "p2", "r7", "train-7", "bob", RunState.FAILED);
        CloudEvent otherEntity = runStateEvent(unique("other"), "p1", "r8", "train-8", "bob", RunState.FINISHED);
        for (CloudEvent e : List.of(finishedP2, failedP1, crashedP1, crashedEval, failedAlice, killed, failedP2, otherEntity)) {
            Pipeline.kafka().publishEvent(e.data().get("runId").asText(), e);
        }
        Pipeline.awaitEventsEvaluated();

        assertThat(eventIds(finishedAnywhere)).containsExactlyInAnyOrder(finishedP2.id());
        assertThat(eventIds(failedTrainingOfBob)).containsExactlyInAnyOrder(failedP1.id(), crashedP1.id());
        assertThat(eventIds(crashed)).as("CRASHED is FAILED")
                .containsExactlyInAnyOrder(failedP1.id(), crashedP1.id(), crashedEval.id(), failedAlice.id());
        assertThat(eventIds(disabled)).isEmpty();
    }

    private static List<String> eventIds(AutomationDefinition automation) {
        return Pipeline.kafka().actionsFor(automation.id()).stream().map(ActionRequest::event).map(CloudEvent::id).toList();
    }
}
