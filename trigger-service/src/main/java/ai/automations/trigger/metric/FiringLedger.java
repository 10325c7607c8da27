package ai.automations.trigger.metric;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The persisted last firing of each run-metric automation per run, behind the rule "at most once per run in any 24
 * hours": consulted before a firing is emitted and written right after the broker has it, so neither a restart nor a
 * replay of already-evaluated points fires again within the quiet time. RUN_METRIC_DIVERGED is kept per run and
 * metric: its rows' {@code run_id} is {@link Firing#ledgerRun()}.
 */
@ApplicationScoped
public class FiringLedger {

    private final Pool pool;

    public FiringLedger(Pool pool) {
        this.pool = pool;
    }

    /** The last firing time per {@link #key} of the given firings' (automation, run) pairs that have one. */
    public Uni<Map<String, Instant>> lastFirings(List<Firing> firings) {
        if (firings.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] automations = new String[firings.size()];
        String[] runs = new String[firings.size()];
        for (int i = 0; i < firings.size(); i++) {
            automations[i] = firings.get(i).automation().id();
            runs[i] = firings.get(i).ledgerRun();
        }
        return pool.preparedQuery("SELECT f.automation_id, f.run_id, f.fired_at FROM run_metric_firing f "
                + "JOIN unnest($1::text[], $2::text[]) AS k(automation_id, run_id) "
                + "ON f.automation_id = k.automation_id AND f.run_id = k.run_id")
                .execute(Tuple.of(automations, runs))
                .map(rows -> {
                    Map<String, Instant> out = new HashMap<>();
                    for (Row row : rows) {
                        out.put(key(row.getString(0), row.getString(1)), row.getOffsetDateTime(2).toInstant());
                    }
                    return out;
                });
    }

    /** The last firing of one automation for one run. */
    public Uni<Optional<Instant>> lastFiring(String automationId, String runId) {
        return pool.preparedQuery("SELECT fired_at FROM run_metric_firing WHERE automation_id = $1 AND run_id = $2")
                .execute(Tuple.of(automationId, runId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getOffsetDateTime(0).toInstant()) : Optional.empty();
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
            rows.add(Tuple.of(f.automation().id(), f.ledgerRun(), at, f.eventId()));
        }
        return pool.preparedQuery("INSERT INTO run_metric_firing (automation_id, run_id, fired_at, event_id) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (automation_id, run_id) DO UPDATE "
                + "SET fired_at = EXCLUDED.fired_at, event_id = EXCLUDED.event_id")
                .executeBatch(rows).replaceWithVoid();
    }

    public static String key(String automationId, String runId) {
        return automationId + '\n' + runId;
    }
}
