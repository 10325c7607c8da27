package ai.automations.action.execution;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An execution as the history API shows it: the contract's fields ({@code id, automationId, eventId, eventType,
 * status, createdAt, finishedAt, attempts, request}) and a few more, such as {@code traceId} (the OpenTelemetry trace
 * of the change that caused it, when tracing is on). Secret values appear as {@code ***}.
 */
public record ExecutionView(
        String id,
        String entity,
        String automationId,
        String automationName,
        String eventId,
        String eventType,
        String actionType,
        String integration,
        ExecutionStatus status,
        String reason,
        String webhookId,
        @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime finishedAt,
        OffsetDateTime nextAttemptAt,
        List<AttemptView> attempts,
        @JsonInclude(JsonInclude.Include.ALWAYS) RequestView request,
        String traceId) {

    /** One attempt: when, the status code (null when no response came), the error, how long, the body's start. */
    public record AttemptView(
            OffsetDateTime at,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer statusCode,
            @JsonInclude(JsonInclude.Include.ALWAYS) String error,
            long durationMs,
            String responseBody,
            boolean redelivery) {
    }

    /** Where the call went and the payload sent, redacted. */
    public record RequestView(String url, JsonNode payload) {
    }
}
