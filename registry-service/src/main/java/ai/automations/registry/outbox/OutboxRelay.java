package ai.automations.registry.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import ai.automations.registry.support.KafkaBatchSender;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent only once the broker has acknowledged them. One
 * relay runs at a time across all instances (a PostgreSQL advisory lock held by the relaying transaction), so the
 * records of a key reach their partition in the order their changes committed. A commit kicks the relay; a periodic
 * sweep catches whatever no kick covered, such as rows committed just before a crash. Delivery is at least once:
 * a crash after publishing and before marking re-publishes the same CloudEvent ids, which consumers dedupe.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The advisory lock key of the relay ("automat1"). */
    public static final long LOCK_KEY = 0x6175746f6d617431L;

    private static final Duration LOCKED_RETRY = Duration.ofMillis(200);

    private enum Outcome {
        DONE, MORE, LOCKED, FAILED
    }

    /** The outgoing channel whose producer (and configuration) the relay uses. */
    public static final String CHANNEL = "outbox";

    private final Pool pool;
    private final KafkaBatchSender sender;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile boolean paused;

    public OutboxRelay(Pool pool, KafkaBatchSender sender, OutboxConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.sender = sender;
        this.config = config;
        this.published = Counter.builder("automations.outbox.published")
                .description("Outbox records acknowledged by Kafka").register(metrics);
        this.failures = Counter.builder("automations.outbox.publish.failures")
                .description("Outbox records Kafka did not acknowledge (retried)").register(metrics);
        metrics.gauge("automations.outbox.backlog", backlog);
    }

    /** Asks for a relay run; runs requested while one is under way are folded into one more run after it. */
    public void kick() {
        requested.set(true);
        drain();
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
                .chain(() -> pool.preparedQuery(
                        "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)")
                        .execute(Tuple.of((double) config.retention().toSeconds())))
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.debugf("Outbox sweep could not read the backlog: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private void drain() {
        if (paused || !running.compareAndSet(false, true)) {
            return;
        }
        requested.set(false);
        relayBatch().subscribe().with(outcome -> {
            running.set(false);
            switch (outcome) {
                case MORE -> kick();
                case LOCKED -> Uni.createFrom().voidItem().onItem().delayIt().by(LOCKED_RETRY)
                        .subscribe().with(x -> kick());
                case DONE -> {
                    if (requested.get()) {
                        drain();
                    }
                }
                case FAILED -> Log.debug("Outbox relay will retry at the next sweep");
            }
        }, failure -> {
            running.set(false);
            Log.warnf("Outbox relay failed, will retry at the next sweep: %s", failure.getMessage());
        });
    }

    private Uni<Outcome> relayBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK_KEY))
                .flatMap(lock -> {
                    if (!lock.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(Outcome.LOCKED);
                    }
                    return conn.preparedQuery("SELECT id, topic, message_key, payload, content_type FROM outbox "
                            + "WHERE sent_at IS NULL ORDER BY id LIMIT $1")
                            .execute(Tuple.of(config.batchSize()))
                            .flatMap(rows -> {
                                List<Row> batch = new ArrayList<>();
                                rows.forEach(batch::add);
                                return publishAndMark(conn, batch);
                            });
                }));
    }

    /**
     * Sends the batch in order and marks sent the longest prefix the broker acknowledged; anything after the first
     * failure is sent again later, so no record of a key overtakes an earlier one that is still unsent.
     */
    private Uni<Outcome> publishAndMark(SqlConnection conn, List<Row> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Outcome.DONE);
        }
        List<ProducerRecord<String, String>> records = batch.stream().map(OutboxRelay::record).toList();
        return sender.send(CHANNEL, records).flatMap(sent -> {
            failures.increment(batch.size() - sent);
            Long[] ids = batch.subList(0, sent).stream().map(row -> row.getLong("id")).toArray(Long[]::new);
            Uni<Void> mark = sent == 0 ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("UPDATE outbox SET sent_at = now() WHERE id = ANY($1)")
                            .execute(Tuple.of(ids)).replaceWithVoid();
            return mark.map(x -> {
                published.increment(sent);
                if (sent < batch.size()) {
                    return Outcome.FAILED;
                }
                return batch.size() >= config.batchSize() ? Outcome.MORE : Outcome.DONE;
            });
        });
    }

    private static ProducerRecord<String, String> record(Row row) {
        RecordHeaders headers = new RecordHeaders();
        String contentType = row.getString("content_type");
        if (contentType != null) {
            headers.add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("message_key"),
                row.getString("payload"), headers);
    }
}
