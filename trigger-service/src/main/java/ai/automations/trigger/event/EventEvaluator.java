package ai.automations.trigger.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStateEventData;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.Trace;

/**
 * Matches one artifact or run-state event: the index narrows the automations by lookup, {@link AutomationEvaluator}
 * decides on each (scope, alias or tag regex; run state, run name and user). Each match becomes an action request
 * whose id derives from the automation and event ids, so the same event evaluated twice yields the same requests.
 */
@ApplicationScoped
public class EventEvaluator {

    private final ObjectMapper mapper;

    public EventEvaluator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The automations of the index this event triggers: the index's candidates the evaluator accepts. */
    public List<CompiledAutomation> matches(AutomationIndex index, CloudEvent event) {
        EventType type = event.eventType().orElse(null);
        if (type == null || event.data() == null || !event.data().isObject()) {
            return List.of();
        }
        List<CompiledAutomation> out = new ArrayList<>();
        if (type.isArtifactEvent()) {
            ArtifactEventData data = artifactData(event.data());
            for (CompiledAutomation candidate : index.artifactCandidates(type, data)) {
                if (AutomationEvaluator.artifact(candidate, data, Trace.OFF)) {
                    out.add(candidate);
                }
            }
        } else if (type == EventType.RUN_STATE) {
            RunStateEventData data = runStateData(event.data());
            RunState state = AutomationEvaluator.runState(data.state());
            if (state == null) {
                return List.of();
            }
            for (CompiledAutomation candidate : index.runStateCandidates(data.entity(), data.project())) {
                if (AutomationEvaluator.runState(candidate, data, state, Trace.OFF)) {
                    out.add(candidate);
                }
            }
        }
        return out;
    }

    /** The action requests for the automations this event triggers. */
    public List<ActionRequest> requests(AutomationIndex index, CloudEvent event, OffsetDateTime now) {
        List<CompiledAutomation> matches = matches(index, event);
        List<ActionRequest> requests = new ArrayList<>(matches.size());
        for (CompiledAutomation match : matches) {
            requests.add(ActionRequest.of(match.definition(), event, now));
        }
        return requests;
    }

    private ArtifactEventData artifactData(JsonNode data) {
        return mapper.convertValue(data, ArtifactEventData.class);
    }

    private RunStateEventData runStateData(JsonNode data) {
        return mapper.convertValue(data, RunStateEventData.class);
    }
}
