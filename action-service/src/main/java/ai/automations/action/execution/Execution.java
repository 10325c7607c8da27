package ai.automations.action.execution;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.automation.RateLimit;

/**
 * One action request being (or having been) carried out, with its delivery schedule and its attempts. The row is
 * written before the Kafka record is acknowledged and drives delivery from then on, so a crash at any point resumes
 * from here. Stored payloads and bodies are redacted: no secret value is ever in this row.
 */
@Entity
@Table(name = "execution")
public class Execution {

    @Id
    public UUID id;

    @Column(name = "request_id", nullable = false, updatable = false)
    public String requestId;

    /** The Standard Webhooks {@code webhook-id}: the same for every attempt and redelivery of this execution. */
    @Column(name = "webhook_id", nullable = false, updatable = false)
    public String webhookId;

    @Column(nullable = false, updatable = false)
    public String entity;

    @Column(name = "automation_id", nullable = false, updatable = false)
    public String automationId;

    @Column(name = "automation_name")
    public String automationName;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Enumerated(EnumType.STRING)
    @Column(name = "action_type", nullable = false)
    public ActionType actionType;

    public String integration;

    /** The per-integration lane ({@code entity/integration}) whose limits this execution's calls count against. */
    @Column(nullable = false)
    public String lane;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExecutionStatus status;

    /** Why the execution was skipped or failed. */
    public String reason;

    /** The action request as received (secret names only), from which every attempt is rendered afresh. */
    @Column(name = "action_request", nullable = false, updatable = false)
    public String actionRequest;

    @Column(name = "request_url")
    public String requestUrl;

    /** The rendered payload as JSON text, with secret values as {@code ***}. */
    @Column(name = "request_payload")
    public String requestPayload;

    @Convert(converter = AttemptsConverter.class)
    @Column(nullable = false)
    public List<Attempt> attempts = new ArrayList<>();

    @Column(name = "attempt_count", nullable = false)
    public int attemptCount;

    /** The pending work is one redelivery attempt requested by a user, not the retry schedule. */
    @Column(nullable = false)
    public boolean redelivery;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_token")
    public UUID leaseToken;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    /** The failure still has to be published to the dead-letter topic. */
    @Column(name = "dlq_pending", nullable = false)
    public boolean dlqPending;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Version
    public int version;

    /** The automation's rate limit as the request carried it (null: none); only known while the request is taken in. */
    @Transient
    public RateLimit rateLimit;

    /** When trigger-service fired the request, the time the rate limit counts; only known while it is taken in. */
    @Transient
    public Instant firedAt;

    /**
     * {@link #actionRequest} as read at intake, so that the first attempt of a new execution does not read it again;
     * null for an execution loaded from the database.
     */
    @Transient
    public ActionRequest request;

    /** The trace this execution belongs to (null when the request was not traced); shown in the history. */
    @Column(name = "trace_id", updatable = false)
    public String traceId;

    /** The W3C trace context each delivery attempt's span is a child of (the span that received the request). */
    @Column(updatable = false)
    public String traceparent;

    public boolean heldBy(UUID token) {
        return token != null && token.equals(leaseToken);
    }
}
