package ai.automations.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import ai.automations.common.concurrent.CoalescingRunner;
import ai.automations.common.kafka.KafkaBatchSender;
import ai.automations.common.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the rows {@link OutboxWriter} appended, in id order, and marks them sent only once the broker has
 * acknowledged them. One relay runs at a time across all instances sharing the database (a PostgreSQL advisory lock
 * held by the relaying transaction, which another instance's relay waits for), so the records of a key reach their
 * partition in the order their changes committed. A commit kicks the relay; {@link OutboxSweep} catches whatever no
 * kick covered, such as rows committed just before a crash. Delivery is at least once: a crash after publishing and before marking publishes the same
 * rows again, which consumers dedupe (CloudEvent id) or tolerate (idempotent notices).
 *
 * <p>Metrics: {@value #PUBLISHED} (records acknowledged), {@value #FAILURES} (records not acknowledged, retried),
 * {@value #LATENCY} (from append to acknowledgement) and the gauge {@value #BACKLOG} (unsent rows at the last sweep).
 */
@ApplicationScoped
@IfBuildProperty(name = "automations.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    /** The advisory lock key of the relay ("automat1"); each service has its own database, so its own lock. */
    public static final long LOCK_KEY = 0x6175746f6d617431L;

    public static final String PUBLISHED = "automations.outbox.published";
    public static final String FAILURES = "automations.outbox.publish.failures";
    public static final String LATENCY = "automations.outbox.publish.latency";
    public static final String BACKLOG = "automations.outbox.backlog";

    /**
     * Synchronous commit off for the relay's own marks (see {@link #relayBatch}); a wait for the relay lock gives up
     * after a while (a relay stuck on an unreachable broker), the next kick or sweep waits again.
     */
    private static final String BEGIN = "BEGIN; SET LOCAL synchronous_commit TO OFF; SET LOCAL lock_timeout TO '10s'";
    /**
     * Waits while another instance relays: its pass publishes the rows it read, this one then reads the rest
     * (this instance's commits it did not see) as soon as the lock is free, instead of trying again after a delay.
     */
    private static final String LOCK = "SELECT pg_advisory_xact_lock($1)";
    /** The batch, read once the lock is held: its snapshot sees every mark of the relay before. */
    private static final String BATCH = "SELECT id, topic, message_key, payload, content_type, created_at, traceparent "
            + "FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1";

    private final Pool pool;
    private final KafkaBatchSender sender;
    private final OutboxConfig config;
    private final InstantSource clock;
    private final Tracing tracing;
    private final CoalescingRunner runner;
    private final AtomicLong backlog = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Timer latency;
    private volatile boolean paused;

    public OutboxRelay(Pool pool, KafkaBatchSender sender, OutboxConfig config, InstantSource clock,
            MeterRegistry metrics, Tracing tracing) {
        this.pool = pool;
        this.tracing = tracing;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.runner = new CoalescingRunner(this::relayBatch,
                failure -> Log.warnf("Outbox relay failed, will retry at the next sweep: %s", failure.getMessage()));
        this.published = Counter.builder(PUBLISHED).description("Outbox records acknowledged by Kafka")
                .register(metrics);
        this.failures = Counter.builder(FAILURES).description("Outbox records Kafka did not acknowledge (retried)")
                .register(metrics);
        this.latency = Timer.builder(LATENCY).description("From an outbox record's append to Kafka's acknowledgement")
                .register(metrics);
        metrics.gauge(BACKLOG, backlog);
    }

    /** Asks for a relay run; runs requested while one is under way are folded into one more run after it. */
    public void kick() {
        if (!paused) {
            runner.kick();
        }
    }

    /** Stops relaying (rows keep accumulating, nothing is lost) until {@link #resume()}: for maintenance and tests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        kick();
    }

    /** The unsent rows counted by the last sweep. */
    public long backlog() {
        return backlog.get();
    }

    /** Relays what is pending, refreshes the backlog gauge and deletes rows published long ago. */
    Uni<Void> sweep() {
        kick();
        return pool.preparedQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL").execute()
                .invoke(rows -> backlog.set(rows.iterator().next().getLong(0)))
                .chain(() -> pool.preparedQuery("DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)")
                        .execute(Tuple.of((double) config.retention().toSeconds())))
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.debugf("Outbox sweep could not read the backlog: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * One relay transaction; its item says whether a full batch went out (so more may be waiting). Two round trips
     * to the database: {@code BEGIN}, the relay lock and the read of the batch are sent together (PostgreSQL runs
     * them in order, so the read's snapshot is taken once the lock is held and sees every mark of the relay before),
     * and after Kafka's acknowledgement the marks go out together with {@code COMMIT}. While another instance holds
     * the lock this pass waits for it in PostgreSQL (kicks meanwhile fold into one more pass): one connection waits,
     * rather than a pass per kick failing to take the lock, and this instance's commits leave as soon as the other
     * relay is done.
     *
     * <p>The marking commit does not wait for its WAL flush ({@code synchronous_commit} off for this transaction
     * only): a mark lost to a crash of PostgreSQL itself only makes the rows go out again, which the relay already
     * allows (at least once, consumers dedupe by CloudEvent id), while the changes and their outbox rows keep their
     * synchronous commit. This halves the WAL flushes an event costs, and each flush a relay pass saves is one that
     * no request's commit queues behind.
     */
    private Uni<Boolean> relayBatch() {
        if (paused) {
            return Uni.createFrom().item(false);
        }
        return pool.withConnection(conn -> Uni.combine().all()
                .unis(conn.query(BEGIN).execute(),
                        conn.preparedQuery(LOCK).execute(Tuple.of(LOCK_KEY)),
                        conn.preparedQuery(BATCH).execute(Tuple.of(config.batchSize())))
                .with((begun, lock, rows) -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    return batch;
                })
                .flatMap(batch -> publishAndMark(conn, batch))
                .onFailure().call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull()));
    }

    /**
     * Sends the batch in order and marks sent the longest prefix the broker acknowledged; anything after the first
     * failure is sent again later, so no record of a key overtakes an earlier one that is still unsent.
     */
    private Uni<Boolean> publishAndMark(SqlConnection conn, List<Row> batch) {
        if (batch.isEmpty()) {
            return conn.query("COMMIT").execute().replaceWith(false);
        }
        List<Span> spans = new ArrayList<>(batch.size());
        List<ProducerRecord<String, String>> records = batch.stream().map(row -> record(row, spans)).toList();
        Uni<Integer> sending = sender.send(config.channel(), records)
                .onItemOrFailure().invoke((sent, failure) -> endSpans(spans, sent == null || sent < batch.size()));
        return sending.flatMap(sent -> {
            failures.increment(batch.size() - sent);
            List<Row> acknowledged = batch.subList(0, sent);
            Long[] ids = acknowledged.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
            Uni<Void> mark = sent == 0 ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("UPDATE outbox SET sent_at = now() WHERE id = ANY($1)")
                            .execute(Tuple.of(ids)).replaceWithVoid();
            return Uni.combine().all().unis(mark, conn.query("COMMIT").execute()).with((marked, committed) -> {
                published.increment(sent);
                recordLatency(acknowledged);
                if (sent < batch.size()) {
                    Log.debug("Outbox relay will retry the unacknowledged rest at the next sweep");
                    return false;
                }
                return batch.size() >= config.batchSize();
            });
        });
    }

    private static void endSpans(List<Span> spans, boolean incomplete) {
        for (Span span : spans) {
            if (incomplete) {
                span.setStatus(StatusCode.ERROR, "not every record of the batch was acknowledged");
            }
            span.end();
        }
    }

    private void recordLatency(List<Row> acknowledged) {
        long now = clock.millis();
        for (Row row : acknowledged) {
            OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
            if (createdAt != null) {
                latency.record(Duration.ofMillis(Math.max(0, now - createdAt.toInstant().toEpochMilli())));
            }
        }
    }

    /** The record of a row; a row written during a traced request is published under a PRODUCER span of it. */
    private ProducerRecord<String, String> record(Row row, List<Span> spans) {
        RecordHeaders headers = new RecordHeaders();
        String traceparent = row.getString("traceparent");
        if (traceparent != null && tracing.enabled()) {
            Span span = tracing.start("publish " + row.getString("topic"), SpanKind.PRODUCER, traceparent);
            span.setAttribute("messaging.system", "kafka");
            span.setAttribute("messaging.destination.name", row.getString("topic"));
            spans.add(span);
            String own = Tracing.traceparent(span);
            headers.add(Tracing.TRACEPARENT, (own == null ? traceparent : own).getBytes(StandardCharsets.UTF_8));
        } else if (traceparent != null) {
            headers.add(Tracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        String contentType = row.getString("content_type");
        if (contentType != null) {
            headers.add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("message_key"),
                row.getString("payload"), headers);
    }
}
