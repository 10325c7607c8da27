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
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

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

    private static final String SQL_INSERT = "INSERT INTO outbox (topic, message_key, payload, content_type, "
            + "created_at, traceparent) VALUES ($1, $2, $3, $4, $5, $6)";

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

    /**
     * As {@link #append(String, String, String, String)}, on a connection of the reactive SQL client that is inside
     * a transaction (for hot paths that do without Hibernate); the statement is prepared once per connection.
     */
    public Uni<Void> append(SqlClient connection, String topic, String key, String payload, String contentType) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        return connection.preparedQuery(SQL_INSERT).execute(Tuple.tuple().addValue(topic).addValue(key)
                .addValue(payload).addValue(contentType).addValue(createdAt)
                .addValue(Tracing.currentTraceparent()))
                .replaceWithVoid();
    }
}
