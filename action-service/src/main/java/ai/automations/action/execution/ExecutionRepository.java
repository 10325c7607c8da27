package ai.automations.action.execution;

import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;


import ai.automations.common.automation.RateLimit;
import ai.automations.common.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Executions in PostgreSQL: the idempotent insert of new requests, the claiming of due work under a lease (so several
 * instances never deliver the same attempt twice), and the history. Every method is atomic (one statement, or its own
 * transaction on a fresh Vert.x context), so callers may call it from any thread. The per-event paths (intake insert,
 * attempt record) are single prepared statements on the reactive SQL client, without Hibernate's session.
 */
@ApplicationScoped
public class ExecutionRepository implements PanacheRepositoryBase<Execution, UUID> {

    /** Who holds claimed executions, under which token, until when. */
    public record Lease(String owner, UUID token, OffsetDateTime until) {
    }

    /**
     * The batch's executions as one row each, from one array per column: one statement (and one parse) whatever the
     * batch's size; a request id seen before, in this batch or earlier, is skipped; the ids inserted come back.
     */
    private static final String INSERT = """
            INSERT INTO execution (id, request_id, webhook_id, entity, automation_id, automation_name, event_id,
                event_type, action_type, integration, lane, status, action_request, attempts, attempt_count,
                redelivery, next_attempt_at, lease_owner, lease_token, lease_until, dlq_pending, created_at, version,
                trace_id, traceparent)
            SELECT id, request_id, webhook_id, entity, automation_id, automation_name, event_id, event_type, action_type,
                integration, lane, status, action_request, '[]', 0, false, next_attempt_at, lease_owner, lease_token,
                lease_until, false, created_at, 0, trace_id, traceparent
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::text[],
                $16::uuid[], $17::timestamptz[], $18::timestamptz[], $19::text[], $20::text[])
              AS t(id, request_id, webhook_id, entity, automation_id, automation_name, event_id, event_type, action_type,
                integration, lane, status, action_request, next_attempt_at, lease_owner, lease_token, lease_until,
                created_at, trace_id, traceparent)
            ON CONFLICT (request_id) DO NOTHING
            RETURNING id""";

    /** An attempt's outcome and the lease's release, one statement that only the lease's holder can apply. */
    private static final String RECORD = """
            UPDATE execution SET status = $1, reason = $2, attempts = $3, attempt_count = $4, request_url = $5,
                request_payload = $6, redelivery = false, next_attempt_at = $7, dlq_pending = $8, finished_at = $9,
                lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
            WHERE id = $10 AND lease_token = $11""";

    private static final AttemptsConverter ATTEMPTS = new AttemptsConverter();

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
    private final Pool pool;

    public ExecutionRepository(Vertx vertx, InstantSource clock, Pool pool) {
        this.vertx = vertx;
        this.clock = clock;
        this.pool = pool;
    }

    private static final String RATE_LIMITED = """
            UPDATE execution SET status = 'SKIPPED', reason = $1, finished_at = $2, next_attempt_at = NULL,
                lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
            WHERE id = $3""";

    /**
     * Inserts the executions whose request id is new, all in one statement; returns those inserted (a repeated
     * request, in this batch or from before, is skipped). In the same transaction, each inserted execution of a
     * rate-limited automation takes its slot in the automation's window ({@link RateWindows}), in firing order; one
     * over the limit is recorded SKIPPED with reason {@value RateLimit#REASON} (and comes back so, without a lease).
     * A batch without a rate-limited automation is that one statement alone (its own transaction).
     */
    public Uni<List<Execution>> insertNew(List<Execution> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple columns = columns(candidates);
        if (candidates.stream().noneMatch(e -> e.rateLimit != null)) {
            return pool.preparedQuery(INSERT).execute(columns).map(rows -> inserted(candidates, rows));
        }
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).execute(columns)
                .map(rows -> inserted(candidates, rows))
                .call(inserted -> limitRates(connection, inserted)));
    }

    private static Tuple columns(List<Execution> candidates) {
        int n = candidates.size();
        UUID[] ids = new UUID[n];
        String[] requestIds = new String[n];
        String[] webhookIds = new String[n];
        String[] entities = new String[n];
        String[] automationIds = new String[n];
        String[] automationNames = new String[n];
        String[] eventIds = new String[n];
        String[] eventTypes = new String[n];
        String[] actionTypes = new String[n];
        String[] integrations = new String[n];
        String[] lanes = new String[n];
        String[] statuses = new String[n];
        String[] actionRequests = new String[n];
        OffsetDateTime[] nextAttempts = new OffsetDateTime[n];
        String[] leaseOwners = new String[n];
        UUID[] leaseTokens = new UUID[n];
        OffsetDateTime[] leaseUntils = new OffsetDateTime[n];
        OffsetDateTime[] createdAts = new OffsetDateTime[n];
        String[] traceIds = new String[n];
        String[] traceparents = new String[n];
        for (int i = 0; i < n; i++) {
            Execution e = candidates.get(i);
            ids[i] = e.id;
            requestIds[i] = e.requestId;
            webhookIds[i] = e.webhookId;
            entities[i] = e.entity;
            automationIds[i] = e.automationId;
            automationNames[i] = e.automationName;
            eventIds[i] = e.eventId;
            eventTypes[i] = e.eventType;
            actionTypes[i] = e.actionType.name();
            integrations[i] = e.integration;
            lanes[i] = e.lane;
            statuses[i] = e.status.name();
            actionRequests[i] = e.actionRequest;
            nextAttempts[i] = e.nextAttemptAt;
            leaseOwners[i] = e.leaseOwner;
            leaseTokens[i] = e.leaseToken;
            leaseUntils[i] = e.leaseUntil;
            createdAts[i] = e.createdAt;
            traceIds[i] = e.traceId;
            traceparents[i] = e.traceparent;
        }
        return Tuple.from(new Object[] {ids, requestIds, webhookIds, entities, automationIds, automationNames, eventIds,
                eventTypes, actionTypes, integrations, lanes, statuses, actionRequests, nextAttempts, leaseOwners,
                leaseTokens, leaseUntils, createdAts, traceIds, traceparents});
    }

    /** The candidates the insert's {@code RETURNING id} names, in the batch's order. */
    private static List<Execution> inserted(List<Execution> candidates, RowSet<Row> rows) {
        if (rows.rowCount() == candidates.size()) {
            return candidates;
        }
        Set<UUID> inserted = new HashSet<>();
        for (Row row : rows) {
            inserted.add(row.getUUID(0));
        }
        return candidates.stream().filter(e -> inserted.contains(e.id)).toList();
    }

    /**
     * Takes a rate-limit slot for each inserted execution that has a limit, one after the other: per automation in
     * firing order, automations in id order (so that two transactions lock their windows in the same order).
     */
    private Uni<Void> limitRates(SqlConnection connection, List<Execution> inserted) {
        List<Execution> limited = inserted.stream().filter(e -> e.rateLimit != null)
                .sorted(Comparator.comparing((Execution e) -> e.automationId).thenComparing(e -> e.firedAt)
                        .thenComparing(e -> e.requestId)).toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Execution e : limited) {
            chain = chain.chain(() -> RateWindows.take(connection, e.automationId, e.rateLimit, e.firedAt)
                    .flatMap(allowed -> allowed ? Uni.createFrom().voidItem() : skipRateLimited(connection, e)));
        }
        return chain;
    }

    private Uni<Void> skipRateLimited(SqlConnection connection, Execution e) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return connection.preparedQuery(RATE_LIMITED).execute(Tuple.of(RateLimit.REASON, now, e.id))
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
        return pool.preparedQuery(RECORD).execute(Tuple.from(new Object[] {execution.status.name(), execution.reason,
                ATTEMPTS.convertToDatabaseColumn(execution.attempts), execution.attemptCount, execution.requestUrl,
                execution.requestPayload, execution.nextAttemptAt, execution.dlqPending, execution.finishedAt,
                execution.id, token})).map(rows -> rows.rowCount() == 1);
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
        return RateWindows.purge(pool, before);
    }

    public Uni<Long> pendingCount() {
        return inTransaction(() -> count("status = ?1", ExecutionStatus.PENDING));
    }

    private <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return VertxContexts.onFreshContext(vertx, () -> Panache.withTransaction(work));
    }
}
