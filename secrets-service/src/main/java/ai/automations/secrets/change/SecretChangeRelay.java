package ai.automations.secrets.change;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.secret.SecretChange;
import ai.automations.secrets.config.SecretsConfig;
import ai.automations.secrets.support.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes change notices on {@code automation.secrets.changes} through a transactional outbox: a notice is written
 * in the same transaction as the create, rotate or delete it announces, then published in the background right after
 * the commit and, if that fails or the process dies first, by a sweep every few seconds. Rows are locked with SKIP LOCKED while being
 * published, so replicas never send the same row concurrently, and deleted only once Kafka acknowledged it
 * (at least once: a notice may be repeated, never lost; consumers treat it as "drop your cache").
 */
@ApplicationScoped
public class SecretChangeRelay implements PanacheRepository<PendingChange> {

    private static final String LOCK_BATCH = "SELECT * FROM secret_change_outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final SecretsConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public SecretChangeRelay(@Channel("secret-changes") MutinyEmitter<String> emitter, ObjectMapper mapper,
            SecretsConfig config, Vertx vertx) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.config = config;
        this.vertx = vertx;
    }

    /** Queues a notice; call inside the transaction of the change it announces. */
    public Uni<Void> enqueue(SecretChange change) {
        PendingChange row = new PendingChange();
        row.entity = change.entity();
        row.name = change.name();
        row.version = change.version();
        row.deleted = change.deleted();
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return persist(row).replaceWithVoid();
    }

    /**
     * Publishes what is pending, in the background, right after a commit: the caller does not wait for Kafka. At most
     * one pass runs at a time in this process (a request arriving meanwhile makes it run once more), so a slow or
     * absent broker holds one database connection, not one per request; what a pass could not publish stays in the
     * outbox for the sweep.
     */
    public void publishSoon() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            startPass();
        }
    }

    private void startPass() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            again.set(false);
            Uni.createFrom().deferred(this::publishAll).subscribe().with(
                    sent -> finishPass(),
                    failure -> {
                        Log.warnf("Secret change notices stay in the outbox for the next sweep: %s", failure.toString());
                        finishPass();
                    });
        });
    }

    private void finishPass() {
        running.set(false);
        if (again.get() && running.compareAndSet(false, true)) {
            startPass();
        }
    }

    /** Picks up what a failed pass or a crash left in the outbox. */
    @Scheduled(identity = "secret-change-sweep", every = "${automations.secrets.changes.sweep-interval:5s}",
            delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        publishSoon();
    }

    /** Publishes every pending notice; the number published. */
    public Uni<Integer> publishAll() {
        return publishBatch().chain(sent -> sent < config.changes().batchSize()
                ? Uni.createFrom().item(sent)
                : publishAll().map(more -> sent + more));
    }

    private Uni<Integer> publishBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_BATCH, PendingChange.class)
                        .setParameter("limit", config.changes().batchSize())
                        .getResultList())
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(0)
                        : send(rows).chain(() -> delete("id in ?1", rows.stream().map(row -> row.id).toList()))
                                .replaceWith(rows.size())));
    }

    private Uni<Void> send(List<PendingChange> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> VertxContexts.resumeOnCaller(emitter.sendMessage(
                        Message.of(json(row.toNotice())).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(row.toNotice().key()).build()))))
                .collect().last().replaceWithVoid();
    }

    private String json(SecretChange change) {
        try {
            return mapper.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A change notice could not be written as JSON", e);
        }
    }
}
