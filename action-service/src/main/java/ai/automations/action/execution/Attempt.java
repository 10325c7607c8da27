package ai.automations.action.execution;

import java.time.OffsetDateTime;

/**
 * One try at delivering an execution: when, the response status (null when no response came), what went wrong,
 * how long it took, and the start of the response body. Never holds a secret value.
 */
public record Attempt(
        OffsetDateTime at,
        Integer statusCode,
        String error,
        long durationMs,
        String responseBody,
        boolean redelivery) {
}
