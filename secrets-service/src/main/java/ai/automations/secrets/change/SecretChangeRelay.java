package ai.automations.secrets.change;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes change notices on {@code automation.secrets.changes} through a transactional outbox: a notice is written
 * in the same transaction as the create, rotate or delete it announces, then published right after the commit and, if
 * that fails or the process dies first, by a sweep every few seconds. Rows are locked with SKIP LOCKED while being
 * published, so replicas never send the same row concurrently, and deleted only once Kafka acknowledged it
 * (at least once: a notice may be repeated, never lost; consumers treat it as "drop your cache").
 */
@ApplicationScoped
public class SecretChangeRelay implements PanacheRepository<PendingChange> {

    private static final String LOCK_BATCH = "SELECT * FROM secret_change_outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final SecretsConfig config;

    public SecretChangeRelay(@Channel("secret-changes") MutinyEmitter<String> emitter, ObjectMapper mapper,
            SecretsConfig config) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.config = config;
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
     * Publishes what is pending, right after a commit. A failure is left to the sweep: the change itself is committed
     * and its notice safe in the outbox.
     */
    public Uni<Void> publishAfterCommit() {
        return publishBatch().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            Log.warnf("Secret change notices stay in the outbox for the next sweep: %s", failure.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        });
    }

    @Scheduled(identity = "secret-change-sweep", every = "${automations.secrets.changes.sweep-interval:5s}",
            delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return publishAll().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            Log.warnf("Publishing secret change notices failed, retrying at the next sweep: %s", failure.toString());
            return Uni.createFrom().voidItem();
        });
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
