package ai.automations.trigger.metric;

import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.trigger.TriggerConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The persisted last firing of each run-metric automation per run, behind the rule "at most once per run in any 24
 * hours": consulted before a firing is emitted and written right after the broker has it, so neither a restart nor a
 * replay of already-evaluated points fires again within the quiet time. A run is its (entity, project, run id), as run
 * ids are unique per project only: an ENTITY-scoped automation that fired for run {@code r} of one project still fires
 * for run {@code r} of another. RUN_METRIC_DIVERGED is kept per run and metric: its rows' {@code run_id} is
 * {@link Firing#ledgerRun()}. Rows written before runs were keyed by project ({@code entity} and {@code project}
 * empty) still count for the run id they name, so the upgrade re-opens no quiet time. Rows older than the quiet time
 * count for nothing and are deleted hourly ({@link #purge}), so the table holds at most a day of firings.
 */
@ApplicationScoped
public class FiringLedger {

    private static final String LEGACY = "";

    private final Pool pool;
    private final InstantSource clock;
    private final TriggerConfig config;

    public FiringLedger(Pool pool, InstantSource clock, TriggerConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${automations.trigger.ledger-purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeHourly() {
        return purge(clock.instant().minus(config.cooldown())).invoke(n -> {
            if (n > 0) {
                Log.debugf("Purged %d run-metric firing(s) past the quiet time", n);
            }
        }).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            Log.warnf(failure, "Purging the run-metric firing ledger failed; the next hour retries");
            return Uni.createFrom().voidItem();
        });
    }

    /** Deletes the firings before {@code before} (past the quiet time: they count for nothing); how many went. */
    public Uni<Integer> purge(Instant before) {
        return pool.preparedQuery("DELETE FROM run_metric_firing WHERE fired_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    /** The last firing time per {@link #key(Firing)} of the given firings' (automation, run) pairs that have one. */
    public Uni<Map<String, Instant>> lastFirings(List<Firing> firings) {
        if (firings.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = firings.size();
        String[] automations = new String[n];
        String[] entities = new String[n];
        String[] projects = new String[n];
        String[] runs = new String[n];
        for (int i = 0; i < n; i++) {
            Firing f = firings.get(i);
            automations[i] = f.automation().id();
            entities[i] = f.entity();
            projects[i] = f.project();
            runs[i] = f.ledgerRun();
        }
        return pool.preparedQuery("SELECT k.automation_id, k.entity, k.project, k.run_id, max(f.fired_at) "
                + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(automation_id, entity, project, run_id) "
                + "JOIN run_metric_firing f ON f.automation_id = k.automation_id AND f.run_id = k.run_id "
                + "AND (f.entity = k.entity AND f.project = k.project OR f.entity = '" + LEGACY + "') "
                + "GROUP BY k.automation_id, k.entity, k.project, k.run_id")
                .execute(Tuple.of(automations, entities, projects, runs))
                .map(rows -> {
                    Map<String, Instant> out = new HashMap<>();
                    for (Row row : rows) {
                        out.put(key(row.getString(0), row.getString(1), row.getString(2), row.getString(3)),
                                row.getOffsetDateTime(4).toInstant());
                    }
                    return out;
                });
    }

    /** The last firing of one automation for one run ({@code ledgerRun}: see {@link Firing#ledgerRun()}). */
    public Uni<Optional<Instant>> lastFiring(String automationId, String entity, String project, String ledgerRun) {
        return pool.preparedQuery("SELECT max(fired_at) FROM run_metric_firing WHERE automation_id = $1 AND run_id = $4 "
                + "AND (entity = $2 AND project = $3 OR entity = '" + LEGACY + "')")
                .execute(Tuple.of(automationId, entity, project, ledgerRun))
                .map(rows -> {
                    OffsetDateTime last = rows.iterator().next().getOffsetDateTime(0);
                    return Optional.ofNullable(last).map(OffsetDateTime::toInstant);
                });
    }

    /** Records that these firings were emitted at {@code now}. */
    public Uni<Void> record(List<Firing> firings, long now) {
        if (firings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = Instant.ofEpochMilli(now).atOffset(ZoneOffset.UTC);
        List<Tuple> rows = new ArrayList<>(firings.size());
        for (Firing f : firings) {
            rows.add(Tuple.of(f.automation().id(), f.entity(), f.project(), f.ledgerRun()).addValue(at)
                    .addString(f.eventId()));
        }
        return pool.preparedQuery("INSERT INTO run_metric_firing (automation_id, entity, project, run_id, fired_at, "
                + "event_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (automation_id, entity, project, run_id) "
                + "DO UPDATE SET fired_at = EXCLUDED.fired_at, event_id = EXCLUDED.event_id")
                .executeBatch(rows).replaceWithVoid();
    }

    /** The key of a firing's run in {@link #lastFirings}' answer. */
    public static String key(Firing firing) {
        return key(firing.automation().id(), firing.entity(), firing.project(), firing.ledgerRun());
    }

    private static String key(String automationId, String entity, String project, String ledgerRun) {
        return automationId + '\n' + entity + '\n' + project + '\n' + ledgerRun;
    }
}
