package ai.automations.registry.integration;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.integration.SignatureFormat;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** Where an entity's actions deliver: a webhook or a Slack channel, with the names (never values) of its secrets. */
@Entity
@Table(name = "integrations")
public class Integration extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    public String name;

    @Enumerated(EnumType.STRING)
    public IntegrationDescriptor.Kind kind;

    public String url;

    @Column(name = "access_token_secret")
    public String accessTokenSecret;

    @Column(name = "signing_secret")
    public String signingSecret;

    public String channel;

    @Column(name = "webhook_url_secret")
    public String webhookUrlSecret;

    @Column(name = "bot_token_secret")
    public String botTokenSecret;

    @Column(name = "api_base_url")
    public String apiBaseUrl;

    /** {@code standard-webhooks} or {@code wandb}; webhooks only (Slack integrations keep the default). */
    @Column(name = "signature_format")
    public String signatureFormat = SignatureFormat.STANDARD_WEBHOOKS.value();

    public boolean disabled;

    @Column(name = "send_traceparent")
    public boolean sendTraceparent;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Uni<Integration> find(UUID entityId, String name) {
        return find("entityId = ?1 and name = ?2", entityId, name).firstResult();
    }

    public IntegrationDescriptor descriptor(String entity) {
        return new IntegrationDescriptor(entity, name, kind, url, accessTokenSecret, signingSecret, channel,
                webhookUrlSecret, botTokenSecret, apiBaseUrl, disabled, disabledReason, createdAt,
                kind == IntegrationDescriptor.Kind.webhook ? SignatureFormat.of(signatureFormat) : null,
                sendTraceparent);
    }
}
