package ai.automations.common.outbox;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.tracing.Tracing;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends a Kafka record to the outbox inside the caller's Hibernate Reactive transaction, so the change and its
 * announcement commit or roll back together. Rows of one key are published in id order: a caller that must keep
 * the records of a key in commit order locks the row that key stands for before appending.
 */
@ApplicationScoped
@IfBuildProperty(name = "automations.outbox.enabled", stringValue = "true")
public class OutboxWriter {

    private static final String INSERT = "INSERT INTO outbox (topic, message_key, payload, content_type, created_at, "
            + "traceparent) VALUES (:topic, :key, :payload, :contentType, :createdAt, :traceparent)";

    private final InstantSource clock;

    public OutboxWriter(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Appends a record for {@code topic} with {@code key}; a null {@code payload} is a tombstone, a null
     * {@code contentType} sends no content-type header. The row keeps the {@code traceparent} of the request being
     * served (if traced), so its Kafka record continues that trace. Must run inside a transaction.
     */
    public Uni<Void> append(String topic, String key, String payload, String contentType) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().chain(session -> session.createNativeMutationQuery(INSERT)
                .setParameter("topic", topic)
                .setParameter("key", key)
                .setParameter("payload", payload)
                .setParameter("contentType", contentType)
                .setParameter("createdAt", createdAt)
                .setParameter("traceparent", Tracing.currentTraceparent())
                .executeUpdate())
                .replaceWithVoid();
    }
}
