package ai.automations.common.integration;

import java.time.OffsetDateTime;

/**
 * An integration as registry-service describes it to action-service on its internal API: where to deliver and which
 * secrets (by name, never value) to use. Only the fields of its kind are set.
 */
public record IntegrationDescriptor(
        String entity,
        String name,
        Kind kind,
        String url,
        String accessTokenSecret,
        String signingSecret,
        String channel,
        String webhookUrlSecret,
        String botTokenSecret,
        String apiBaseUrl,
        boolean disabled,
        String disabledReason,
        OffsetDateTime createdAt) {

    /** The kinds of integration. */
    public enum Kind {
        webhook, slack
    }
}
