package ai.automations.common.action;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.CloudEvent;

/**
 * trigger-service's instruction to action-service, on {@code automation.actions} keyed by automation id: this
 * automation matched this event. {@code id} is derived from automation and event ids, so a request delivered twice
 * is recognised as one. It carries secret names only, never values.
 */
public record ActionRequest(
        String id,
        AutomationDefinition automation,
        CloudEvent event,
        OffsetDateTime requestedAt) {

    public static ActionRequest of(AutomationDefinition automation, CloudEvent event, OffsetDateTime requestedAt) {
        return new ActionRequest(idFor(automation.id(), event.id()), automation, event, requestedAt);
    }

    /** The same automation and event always give the same request id. */
    public static String idFor(String automationId, String eventId) {
        return UUID.nameUUIDFromBytes((automationId + "\n" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
