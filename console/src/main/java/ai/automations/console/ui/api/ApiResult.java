package ai.automations.console.ui.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful API answer: status, body (null when empty) and the next-page cursor of lists. */
public record ApiResult(int status, JsonNode body, String nextCursor) {
}
