package ai.automations.action.deadletter;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value published to {@code automation.actions.dlq} (keyed by automation id): an action request that could not be
 * carried out, with the reason. {@code request} is the request as received (secret names only); {@code raw} holds a
 * record that was not a readable request at all.
 */
public record DeadLetter(
        String executionId,
        String requestId,
        String automationId,
        String reason,
        Integer attempts,
        OffsetDateTime failedAt,
        JsonNode request,
        String raw) {
}
