package ai.automations.registry.automation;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.event.EventType;

/**
 * An automation as a client writes it ({@code POST}/{@code PUT}); {@code event.filter} stays raw JSON so that an
 * explicit {@code null} can be told from an absent field.
 */
public record AutomationRequest(String name, String description, Boolean enabled, AutomationScope scope,
        EventInput event, ActionInput action) {

    /** The event to wait for and its filter. */
    public record EventInput(EventType type, JsonNode filter) {
    }

    /** What to do. */
    public record ActionInput(ActionSpec.ActionType type, String integration, JsonNode payload, String title,
            String message, ActionSpec.Severity severity) {
    }
}
