package ai.automations.registry.automation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.RateLimit;
import ai.automations.common.event.EventType;
import ai.automations.common.validation.IntegrationName;

/**
 * An automation as a client writes it ({@code POST}/{@code PUT}); {@code event.filter} stays raw JSON so that an
 * explicit {@code null} can be told from an absent field. Which scope, filter and action fields go with which types
 * is checked by {@link AutomationValidator}.
 */
public record AutomationRequest(
        @NotBlank @Size(max = 255)
        String name,
        @Size(max = 4000) String description,
        Boolean enabled,
        @Valid AutomationScope scope,
        EventInput event,
        @Valid ActionInput action,
        @Valid RateLimit rateLimit) {
    /** The event to wait for and its filter. */
    public record EventInput(EventType type, JsonNode filter) {
    }

    /** What to do. */
    public record ActionInput(ActionSpec.ActionType type, @IntegrationName String integration, JsonNode payload,
            @Size(max = 256) String title,
            @Size(max = 4000) String message,
            ActionSpec.Severity severity) {
    }
}
