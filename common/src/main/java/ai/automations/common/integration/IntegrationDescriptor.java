package ai.automations.common.integration;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;

/**
 * An integration as registry-service describes it to action-service on its internal API: where to deliver and which
 * secrets (by name, never value) to use, and how a webhook is signed. Only the fields of its kind are set.
 * {@code sendTraceparent} (webhooks, off by default) adds the W3C {@code traceparent} header of the delivery attempt to
 * each call, so the receiver can join the suite's trace.
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
        SignatureFormat signatureFormat,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sendTraceparent) {

    /** A descriptor with the default signature format. */
    public IntegrationDescriptor(String entity, String name, Kind kind, String url, String accessTokenSecret,
            String signingSecret, String channel, String webhookUrlSecret, String botTokenSecret, String apiBaseUrl,
            boolean disabled, String disabledReason, OffsetDateTime createdAt) {
        this(entity, name, kind, url, accessTokenSecret, signingSecret, channel, webhookUrlSecret, botTokenSecret,
                apiBaseUrl, disabled, disabledReason, createdAt, null, false);
    }

    /** The signature format a webhook is sent with; absent means Standard Webhooks. */
    public SignatureFormat signatureFormatOrDefault() {
        return signatureFormat == null ? SignatureFormat.STANDARD_WEBHOOKS : signatureFormat;
    }

    /** The kinds of integration. */
    public enum Kind {
        webhook, slack
    }
}
