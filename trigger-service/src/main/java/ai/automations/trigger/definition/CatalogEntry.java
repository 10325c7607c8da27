package ai.automations.trigger.definition;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.InvalidAutomationException;
import ai.automations.trigger.evaluation.Trace;

/** One published definition: compiled when valid, otherwise with the reason it is not acted on. */
public record CatalogEntry(AutomationDefinition definition, CompiledAutomation compiled, String problem) {

    static CatalogEntry of(AutomationDefinition definition) {
        try {
            return new CatalogEntry(definition, CompiledAutomation.compile(definition), null);
        } catch (InvalidAutomationException e) {
            return new CatalogEntry(definition, null, e.getMessage());
        }
    }

    /** Whether the automation takes part in matching: valid and enabled. */
    public boolean active() {
        return AutomationEvaluator.active(definition, problem, Trace.OFF);
    }
}
