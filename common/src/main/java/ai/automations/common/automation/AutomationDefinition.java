package ai.automations.common.automation;

import java.time.OffsetDateTime;

/**
 * An automation as registry-service publishes it on the compacted {@code automation.definitions} topic (keyed by
 * id) and as it travels inside action requests: when something matching {@code event} happens within {@code scope}
 * of {@code entity}, perform {@code action}, at most as often as {@code rateLimit} (null: no limit) allows.
 */
public record AutomationDefinition(
        String id,
        String entity,
        String name,
        String description,
        boolean enabled,
        AutomationScope scope,
        EventTrigger event,
        ActionSpec action,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        RateLimit rateLimit) {

    /** A definition without a rate limit. */
    public AutomationDefinition(String id, String entity, String name, String description, boolean enabled,
            AutomationScope scope, EventTrigger event, ActionSpec action, String createdBy, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        this(id, entity, name, description, enabled, scope, event, action, createdBy, createdAt, updatedAt, null);
    }
}
