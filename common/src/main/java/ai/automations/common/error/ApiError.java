package ai.automations.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error response: a machine-readable code, a sentence for humans, and the offending field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {
}
