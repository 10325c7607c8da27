package ai.automations.common.integration;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;

/**
 * An integration as registry-service describes it to action-service on its internal API: where to deliver and which
 * secrets (by name, never value) to use. Only the fields of its kind are set. {@code sendTraceparent} (webhooks, off by
 * default) adds the W3C {@code traceparent} header of the delivery attempt to each call, so the receiver can join the
 * suite's trace.
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
        OffsetDateTime createdAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sendTraceparent) {

    /** The kinds of integration. */
    public enum Kind {
        webhook, slack
    }
}
