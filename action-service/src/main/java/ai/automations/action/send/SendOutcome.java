package ai.automations.action.send;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.action.execution.Verdict;

/**
 * What one send came to, with everything kept already redacted: when it left, the answer's status and (the kept start
 * of its) body, the error, what was sent ({@code storedUrl}, {@code storedPayload}) and the verdict. {@code withheld}
 * means the call never left because its clearance was refused right before (the lease was lost).
 */
public record SendOutcome(
        boolean withheld,
        OffsetDateTime at,
        Integer statusCode,
        String error,
        long durationMs,
        String body,
        String storedUrl,
        JsonNode storedPayload,
        Verdict verdict) {

    /** The call did not leave: whoever asked no longer holds the work. */
    public static SendOutcome withheld(OffsetDateTime at) {
        return new SendOutcome(true, at, null, null, 0, null, null, null, null);
    }

    /** Nothing could be sent (no usable integration, a dependency down...); {@code verdict} says what follows. */
    public static SendOutcome notSent(OffsetDateTime at, Verdict verdict) {
        return new SendOutcome(false, at, null, verdict.error(), 0, null, null, null, verdict);
    }
}
