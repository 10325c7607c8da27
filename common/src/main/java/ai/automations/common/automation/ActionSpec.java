package ai.automations.common.automation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an automation does: POST a rendered payload to a webhook integration, post a Slack notification, or only
 * record an execution. {@code integration} names an integration of the same entity.
 */
public record ActionSpec(
        ActionType type,
        String integration,
        JsonNode payload,
        String title,
        String message,
        Severity severity) {

    /** The kinds of action. */
    public enum ActionType {
        GENERIC_WEBHOOK, NOTIFICATION, NO_OP
    }

    /** A notification's severity, shown as its colour. */
    public enum Severity {
        INFO, WARN, ERROR
    }
}
