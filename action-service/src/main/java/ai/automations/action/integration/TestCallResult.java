package ai.automations.action.integration;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to an integration test call: the endpoint's status and body (redacted, cut to 4 KB), time, error. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TestCallResult(Integer statusCode, String body, long durationMs, String error) {
}
