package ai.automations.registry.outbox;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.Topics;
import ai.automations.common.outbox.OutboxWriter;
import ai.automations.common.tracing.Tracing;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Appends registry's records to common's outbox inside the caller's transaction: domain events as CloudEvents on
 * {@code automation.events} and automation definitions (or tombstones) on {@code automation.definitions}. Callers
 * lock the row their key stands for before appending, so rows of one key get ids in commit order.
 */
@ApplicationScoped
public class Outbox {

    /** The CloudEvents {@code source} of every event this service emits. */
    public static final String SOURCE = "/automations/registry-service";
    public static final String CLOUD_EVENT_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String JSON_CONTENT_TYPE = "application/json";

    private final OutboxWriter writer;
    private final JsonText json;
    private final InstantSource clock;

    public Outbox(OutboxWriter writer, JsonText json, InstantSource clock) {
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    /** Appends a CloudEvent with {@code data} for {@code key} and returns it. */
    public Uni<CloudEvent> event(EventType type, String subject, String key, Object data) {
        CloudEvent event = CloudEvent.of(UUID.randomUUID().toString(), SOURCE, type, subject,
                Timestamps.now(clock), json.tree(data), Tracing.currentTraceparent());
        return writer.append(Topics.EVENTS, key, json.write(event), CLOUD_EVENT_CONTENT_TYPE).replaceWith(event);
    }

    /** As {@link #event(EventType, String, String, Object)}, on a connection of a {@link Tx#pipelined} transaction. */
    public Uni<CloudEvent> event(SqlClient connection, EventType type, String subject, String key, Object data) {
        CloudEvent event = CloudEvent.of(UUID.randomUUID().toString(), SOURCE, type, subject,
                Timestamps.now(clock), json.tree(data), Tracing.currentTraceparent());
        return writer.append(connection, Topics.EVENTS, key, json.write(event), CLOUD_EVENT_CONTENT_TYPE)
                .replaceWith(event);
    }

    /**
     * A CloudEvent for {@code key} written by the statement that makes its change rather than appended after it:
     * {@code payload} still holds placeholders for the parts only that statement knows (state read under the
     * change's lock), which it replaces before inserting the outbox row ({@code VersionStore}). Nothing is appended
     * here; the row's columns are the same as {@link #event(SqlClient, EventType, String, String, Object)} writes.
     */
    public PendingEvent pending(EventType type, String subject, String key, Object data) {
        CloudEvent event = CloudEvent.of(UUID.randomUUID().toString(), SOURCE, type, subject,
                Timestamps.now(clock), json.tree(data), Tracing.currentTraceparent());
        return new PendingEvent(Topics.EVENTS, key, json.write(event), CLOUD_EVENT_CONTENT_TYPE,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                event.traceparent());
    }

    /** The outbox row of a {@link #pending} event, its payload with placeholders. */
    public record PendingEvent(String topic, String key, String payload, String contentType, OffsetDateTime createdAt,
            String traceparent) {
    }

    /** Appends an automation's definition, or its tombstone when {@code definition} is null. */
    public Uni<Void> definition(String automationId, AutomationDefinition definition) {
        return writer.append(Topics.DEFINITIONS, automationId, definition == null ? null : json.write(definition),
                JSON_CONTENT_TYPE);
    }
}
