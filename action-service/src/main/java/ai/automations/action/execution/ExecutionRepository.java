package ai.automations.action.execution;

import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import ai.automations.common.automation.RateLimit;
import ai.automations.common.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Executions in PostgreSQL: the idempotent insert of new requests, the claiming of due work under a lease (so several
 * instances never deliver the same attempt twice), and the history. Every method runs in its own transaction on a
 * fresh Vert.x context, so callers may call it from any thread.
 */
@ApplicationScoped
public class ExecutionRepository implements PanacheRepositoryBase<Execution, UUID> {

    /** Who holds claimed executions, under which token, until when. */
    public record Lease(String owner, UUID token, OffsetDateTime until) {
    }

    private static final String INSERT_COLUMNS = """
            INSERT INTO execution (id, request_id, webhook_id, entity, automation_id, automation_name, event_id,
                event_type, action_type, integration, lane, status, action_request, attempts, attempt_count,
                redelivery, next_attempt_at, lease_owner, lease_token, lease_until, dlq_pending, created_at, version,
                trace_id, traceparent)
            VALUES """;

    private static final String INSERT_ROW = """
            (:id%1$d, :requestId%1$d, :webhookId%1$d, :entity%1$d, :automationId%1$d, :automationName%1$d, :eventId%1$d,
             :eventType%1$d, :actionType%1$d, :integration%1$d, :lane%1$d, :status%1$d, :actionRequest%1$d, '[]', 0, false,
             :nextAttemptAt%1$d, :leaseOwner%1$d, :leaseToken%1$d, :leaseUntil%1$d, false, :createdAt%1$d, 0,
             :traceId%1$d, :traceparent%1$d)""";

    private static final String RECORD = """
            UPDATE execution SET status = :status, reason = :reason, attempts = :attempts, attempt_count = :attemptCount,
                request_url = :requestUrl, request_payload = :requestPayload, redelivery = false,
                next_attempt_at = :nextAttemptAt, dlq_pending = :dlqPending, finished_at = :finishedAt,
                lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
            WHERE id = :id AND lease_token = :token""";

    private static final AttemptsConverter ATTEMPTS = new AttemptsConverter();

    private static final String EXISTING = "SELECT CAST(id AS varchar) FROM execution WHERE id IN (:ids)";

    private static final String DUE = """
            SELECT CAST(id AS varchar) FROM execution
            WHERE status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
              AND lane NOT IN (:busy)
            ORDER BY next_attempt_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""";

    private static final String TAKE = """
            UPDATE execution SET lease_owner = :owner, lease_token = :token, lease_until = :until, version = version + 1
            WHERE id IN (:ids)""";

    private final Vertx vertx;
    private final InstantSource clock;

    public ExecutionRepository(Vertx vertx, InstantSource clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    private static final String RATE_LIMITED = """
            UPDATE execution SET status = 'SKIPPED', reason = :reason, finished_at = :now, next_attempt_at = NULL,
                lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
            WHERE id = :id""";

    /**
     * Inserts the executions whose request id is new, all in one statement; returns those inserted (a repeated
     * request, in this batch or from before, is skipped). In the same transaction, each inserted execution of a
     * rate-limited automation takes its slot in the automation's window ({@link RateWindows}), in firing order; one
     * over the limit is recorded SKIPPED with reason {@value RateLimit#REASON} (and comes back so, without a lease).
     */
    public Uni<List<Execution>> insertNew(List<Execution> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder sql = new StringBuilder(INSERT_COLUMNS);
        for (int i = 0; i < candidates.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(INSERT_ROW.formatted(i));
        }
        sql.append(" ON CONFLICT (request_id) DO NOTHING");
        return inTransaction(() -> getSession().flatMap(session -> {
            var insert = session.createNativeQuery(sql.toString());
            for (int i = 0; i < candidates.size(); i++) {
                Execution e = candidates.get(i);
                insert.setParameter("id" + i, e.id)
                        .setParameter("requestId" + i, e.requestId)
                        .setParameter("webhookId" + i, e.webhookId)
                        .setParameter("entity" + i, e.entity)
                        .setParameter("automationId" + i, e.automationId)
                        .setParameter("automationName" + i, e.automationName)
                        .setParameter("eventId" + i, e.eventId)
                        .setParameter("eventType" + i, e.eventType)
                        .setParameter("actionType" + i, e.actionType.name())
                        .setParameter("integration" + i, e.integration)
                        .setParameter("lane" + i, e.lane)
                        .setParameter("status" + i, e.status.name())
                        .setParameter("actionRequest" + i, e.actionRequest)
                        .setParameter("nextAttemptAt" + i, e.nextAttemptAt)
                        .setParameter("leaseOwner" + i, e.leaseOwner)
                        .setParameter("leaseToken" + i, e.leaseToken)
                        .setParameter("leaseUntil" + i, e.leaseUntil)
                        .setParameter("createdAt" + i, e.createdAt)
                        .setParameter("traceId" + i, e.traceId)
                        .setParameter("traceparent" + i, e.traceparent);
            }
            return insert.executeUpdate().flatMap(count -> {
                if (count == candidates.size()) {
                    return Uni.createFrom().item(candidates);
                }
                List<UUID> ids = candidates.stream().map(e -> e.id).toList();
                return session.createNativeQuery(EXISTING, String.class).setParameter("ids", ids).getResultList()
                        .map(existing -> {
                            Set<String> inserted = Set.copyOf(existing);
                            return candidates.stream().filter(e -> inserted.contains(e.id.toString())).toList();
                        });
            }).call(inserted -> limitRates(session, inserted));
        }));
    }

    /**
     * Takes a rate-limit slot for each inserted execution that has a limit, one after the other: per automation in
     * firing order, automations in id order (so that two transactions lock their windows in the same order).
     */
    private Uni<Void> limitRates(Mutiny.Session session, List<Execution> inserted) {
        List<Execution> limited = inserted.stream().filter(e -> e.rateLimit != null)
                .sorted(Comparator.comparing((Execution e) -> e.automationId).thenComparing(e -> e.firedAt)
                        .thenComparing(e -> e.requestId)).toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Execution e : limited) {
            chain = chain.chain(() -> RateWindows.take(session, e.automationId, e.rateLimit, e.firedAt)
                    .flatMap(allowed -> allowed ? Uni.createFrom().voidItem() : skipRateLimited(session, e)));
        }
        return chain;
    }

    private Uni<Void> skipRateLimited(Mutiny.Session session, Execution e) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return session.createNativeQuery(RATE_LIMITED)
                .setParameter("reason", RateLimit.REASON)
                .setParameter("now", now)
                .setParameter("id", e.id)
                .executeUpdate()
                .invoke(() -> {
                    e.status = ExecutionStatus.SKIPPED;
                    e.reason = RateLimit.REASON;
                    e.finishedAt = now;
                    e.nextAttemptAt = null;
                    e.leaseOwner = null;
                    e.leaseToken = null;
                    e.leaseUntil = null;
                })
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due executions for {@code lease}, skipping rows another instance is claiming right
     * now, rows under a live lease, and the {@code busy} lanes.
     */
    public Uni<List<Execution>> claimDue(Lease lease, Set<String> busy, int limit) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Collection<String> busyLanes = busy.isEmpty() ? List.of("") : busy;
        return inTransaction(() -> getSession().flatMap(session -> session.createNativeQuery(DUE, String.class)
                .setParameter("now", now)
                .setParameter("busy", busyLanes)
                .setParameter("limit", limit)
                .getResultList()
                .flatMap(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Execution>of());
                    }
                    List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
                    return session.createNativeQuery(TAKE)
                            .setParameter("owner", lease.owner())
                            .setParameter("token", lease.token())
                            .setParameter("until", lease.until())
                            .setParameter("ids", uuids)
                            .executeUpdate()
                            .flatMap(count -> list("id in ?1", uuids));
                })));
    }

    /**
     * Writes the outcome of an attempt, already applied to {@code execution} (the claimed copy: while the lease is
     * held nothing else changes the row), and releases the lease, in one statement. False when {@code token} no
     * longer holds the lease (another instance took the execution over) and nothing was written.
     */
    public Uni<Boolean> recordAttempt(Execution execution, UUID token) {
        return inTransaction(() -> getSession().flatMap(session -> session.createNativeQuery(RECORD)
                .setParameter("status", execution.status.name())
                .setParameter("reason", execution.reason)
                .setParameter("attempts", ATTEMPTS.convertToDatabaseColumn(execution.attempts))
                .setParameter("attemptCount", execution.attemptCount)
                .setParameter("requestUrl", execution.requestUrl)
                .setParameter("requestPayload", execution.requestPayload)
                .setParameter("nextAttemptAt", execution.nextAttemptAt)
                .setParameter("dlqPending", execution.dlqPending)
                .setParameter("finishedAt", execution.finishedAt)
                .setParameter("id", execution.id)
                .setParameter("token", token)
                .executeUpdate()
                .map(count -> count == 1)));
    }

    /** Extends a lease that is about to run out while its execution waits for a slot; false when it was lost. */
    public Uni<Boolean> renew(UUID id, UUID token, OffsetDateTime until) {
        return inTransaction(() -> update("leaseUntil = ?1, version = version + 1 where id = ?2 and leaseToken = ?3",
                until, id, token).map(count -> count == 1));
    }

    /** Applies {@code change} to an execution in a transaction; returns it changed, or null when it does not exist. */
    public Uni<Execution> change(UUID id, Consumer<Execution> change) {
        return inTransaction(() -> findById(id).map(execution -> {
            if (execution != null) {
                change.accept(execution);
            }
            return execution;
        }));
    }

    public Uni<Execution> byId(UUID id) {
        return inTransaction(() -> findById(id));
    }

    /** An automation's executions, newest first. */
    public Uni<List<Execution>> history(String entity, String automationId, int limit) {
        return inTransaction(() -> find("entity = ?1 and automationId = ?2", Sort.descending("createdAt"), entity,
                automationId).page(0, limit).list());
    }

    /** Failures recorded before {@code before} whose dead letter has not been published (a crash came between). */
    public Uni<List<Execution>> unsentDeadLetters(OffsetDateTime before, int limit) {
        return inTransaction(() -> find("dlqPending = true and finishedAt < ?1", Sort.ascending("finishedAt"), before)
                .page(0, limit).list());
    }

    public Uni<Void> deadLetterSent(UUID id) {
        return inTransaction(() -> update("dlqPending = false where id = ?1", id).replaceWithVoid());
    }

    /** Executions still to be delivered (the persisted queue). */
    /**
     * Deletes the rate-limit windows whose last firing is older than the longest window ({@link RateLimit#MAX_PER_SECONDS}
     * before now): they limit nothing any more (the automation was deleted, lost its limit or stopped firing). The
     * number deleted.
     */
    public Uni<Integer> purgeRateWindows() {
        Instant before = clock.instant().minusSeconds(RateLimit.MAX_PER_SECONDS);
        return inTransaction(() -> getSession().flatMap(session -> RateWindows.purge(session, before)));
    }

    public Uni<Long> pendingCount() {
        return inTransaction(() -> count("status = ?1", ExecutionStatus.PENDING));
    }

    private <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return VertxContexts.onFreshContext(vertx, () -> Panache.withTransaction(work));
    }
}
