package ai.automations.trigger.stall;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The RUN_STALLED deadlines in PostgreSQL ({@code run_stall}, {@code run_stall_ended}), so that they outlive the
 * process: a deadline that passes while trigger-service is down fires once it is back. Arming is one statement per
 * batch of history (or of RUNNING runs); a re-arm (history resumed) clears the firing, a replayed record (same or lower
 * offset) or a repeated RUNNING changes nothing, and a run that ended is never armed again (until it is resumed).
 */
@ApplicationScoped
public class StallStore {

    private static final String COLUMNS = "automation_id, entity, project, run_id, metrics_partition, last_offset, "
            + "run_name, run_user, last_history_at, deadline_at, run_tags, run_config";

    private static final String ARM = "INSERT INTO run_stall (" + COLUMNS + ") "
            + "SELECT u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], "
            + "$7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[]) "
            + "AS u(automation_id, entity, project, run_id, metrics_partition, last_offset, run_name, run_user, "
            + "last_history_at, deadline_at, run_tags, run_config) "
            + "WHERE NOT EXISTS (SELECT 1 FROM run_stall_ended x "
            + "WHERE x.entity = u.entity AND x.project = u.project AND x.run_id = u.run_id) "
            + "ON CONFLICT (automation_id, entity, project, run_id) DO UPDATE SET "
            + "metrics_partition = EXCLUDED.metrics_partition, last_offset = EXCLUDED.last_offset, "
            + "run_name = EXCLUDED.run_name, run_user = EXCLUDED.run_user, "
            + "run_tags = EXCLUDED.run_tags, run_config = EXCLUDED.run_config, "
            + "last_history_at = EXCLUDED.last_history_at, deadline_at = EXCLUDED.deadline_at, fired_at = NULL "
            + "WHERE EXCLUDED.last_offset <> " + StallRow.NO_HISTORY + " "
            + "AND (run_stall.metrics_partition <> EXCLUDED.metrics_partition "
            + "OR run_stall.last_offset < EXCLUDED.last_offset)";

    private final Pool pool;

    public StallStore(Pool pool) {
        this.pool = pool;
    }

    /** Arms (or re-arms) these deadlines in one statement; rows of ended runs and replayed positions are skipped. */
    public Uni<Void> arm(List<StallRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] automations = new String[n];
        String[] entities = new String[n];
        String[] projects = new String[n];
        String[] runs = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        String[] names = new String[n];
        String[] users = new String[n];
        OffsetDateTime[] last = new OffsetDateTime[n];
        OffsetDateTime[] deadlines = new OffsetDateTime[n];
        String[] tags = new String[n];
        String[] configs = new String[n];
        for (int i = 0; i < n; i++) {
            StallRow r = rows.get(i);
            automations[i] = r.automationId();
            entities[i] = r.entity();
            projects[i] = r.project();
            runs[i] = r.runId();
            partitions[i] = r.partition();
            offsets[i] = r.offset();
            names[i] = r.runName();
            users[i] = r.user();
            last[i] = utc(r.lastHistoryAt());
            deadlines[i] = utc(r.deadlineAt());
            tags[i] = r.tags();
            configs[i] = r.config();
        }
        Tuple args = Tuple.tuple().addArrayOfString(automations).addArrayOfString(entities)
                .addArrayOfString(projects).addArrayOfString(runs).addArrayOfInteger(partitions)
                .addArrayOfLong(offsets).addArrayOfString(names).addArrayOfString(users)
                .addArrayOfOffsetDateTime(last).addArrayOfOffsetDateTime(deadlines).addArrayOfString(tags)
                .addArrayOfString(configs);
        return pool.preparedQuery(ARM).execute(args).replaceWithVoid();
    }

    /** These runs ended (finished, failed, crashed, killed): their deadlines go and history never arms them again. */
    public Uni<Void> ended(List<RunKey> runs, Instant at) {
        if (runs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(runs.size());
        for (RunKey r : runs) {
            rows.add(Tuple.of(r.entity(), r.project(), r.runId(), utc(at)));
        }
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO run_stall_ended (entity, project, run_id, "
                + "ended_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING").executeBatch(rows)
                .chain(() -> c.preparedQuery("DELETE FROM run_stall WHERE entity = $1 AND project = $2 "
                        + "AND run_id = $3").executeBatch(rows.stream()
                                .map(t -> Tuple.of(t.getValue(0), t.getValue(1), t.getValue(2))).toList())))
                .replaceWithVoid();
    }

    /** These runs are RUNNING again (resumed): their history arms deadlines again. */
    public Uni<Void> resumed(List<RunKey> runs) {
        if (runs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = runs.stream().map(r -> Tuple.of(r.entity(), r.project(), r.runId())).toList();
        return pool.preparedQuery("DELETE FROM run_stall_ended WHERE entity = $1 AND project = $2 AND run_id = $3")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Up to {@code limit} deadlines of these partitions that passed by {@code now} and have not fired, oldest first. */
    public Uni<List<StallRow>> due(int[] partitions, Instant now, int limit) {
        Integer[] owned = new Integer[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            owned[i] = partitions[i];
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM run_stall WHERE fired_at IS NULL "
                + "AND metrics_partition = ANY($1::int[]) AND deadline_at <= $2 ORDER BY deadline_at LIMIT $3")
                .execute(Tuple.tuple().addArrayOfInteger(owned).addOffsetDateTime(utc(now)).addInteger(limit))
                .map(StallStore::rows);
    }

    /** The deadline of one automation for one run, if armed (for dry-runs). */
    public Uni<Optional<StallState>> find(String automationId, String entity, String project, String runId) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", fired_at FROM run_stall WHERE automation_id = $1 "
                + "AND entity = $2 AND project = $3 AND run_id = $4")
                .execute(Tuple.of(automationId, entity, project, runId)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    OffsetDateTime fired = row.getOffsetDateTime("fired_at");
                    return Optional.of(new StallState(row(row), fired == null ? null : fired.toInstant()));
                });
    }

    /** Records that these stalls fired, unless history re-armed them meanwhile (their position moved on). */
    public Uni<Void> fired(List<StallRow> rows, Instant at) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> args = new ArrayList<>(rows.size());
        for (StallRow r : rows) {
            args.add(Tuple.tuple().addOffsetDateTime(utc(at)).addString(r.automationId()).addString(r.entity())
                    .addString(r.project()).addString(r.runId()).addInteger(r.partition()).addLong(r.offset()));
        }
        return pool.preparedQuery("UPDATE run_stall SET fired_at = $1 WHERE automation_id = $2 AND entity = $3 "
                + "AND project = $4 AND run_id = $5 AND metrics_partition = $6 AND last_offset = $7")
                .executeBatch(args).replaceWithVoid();
    }

    /** Moves a deadline (the automation's {@code minutes} changed since it was armed). */
    public Uni<Void> reschedule(StallRow row, Instant deadline) {
        return pool.preparedQuery("UPDATE run_stall SET deadline_at = $1 WHERE automation_id = $2 AND entity = $3 "
                + "AND project = $4 AND run_id = $5 AND last_offset = $6")
                .execute(Tuple.tuple().addOffsetDateTime(utc(deadline)).addString(row.automationId())
                        .addString(row.entity()).addString(row.project()).addString(row.runId())
                        .addLong(row.offset()))
                .replaceWithVoid();
    }

    /** Forgets a deadline whose automation is gone, disabled, or no longer covers the run. */
    public Uni<Void> drop(StallRow row) {
        return pool.preparedQuery("DELETE FROM run_stall WHERE automation_id = $1 AND entity = $2 AND project = $3 "
                + "AND run_id = $4").execute(Tuple.of(row.automationId(), row.entity(), row.project(), row.runId()))
                .replaceWithVoid();
    }

    /** Deletes fired deadlines and ended-run marks older than {@code before}; how many rows went. */
    public Uni<Integer> purge(Instant before) {
        return pool.preparedQuery("DELETE FROM run_stall WHERE fired_at < $1").execute(Tuple.of(utc(before)))
                .chain(a -> pool.preparedQuery("DELETE FROM run_stall_ended WHERE ended_at < $1")
                        .execute(Tuple.of(utc(before))).map(b -> a.rowCount() + b.rowCount()));
    }

    /**
     * Notes the runs that became RUNNING (with their name, user, tags and config as JSON text) and forgets those that
     * ended, in every entity: what {@link #running} answers when a RUN_STALLED automation is created.
     */
    public Uni<Void> running(List<RunningRun> started, List<RunKey> ended, Instant at) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (!ended.isEmpty()) {
            List<Tuple> rows = ended.stream().map(r -> Tuple.of(r.entity(), r.project(), r.runId())).toList();
            chain = chain.chain(() -> pool.preparedQuery("DELETE FROM run_stall_running WHERE entity = $1 "
                    + "AND project = $2 AND run_id = $3").executeBatch(rows).replaceWithVoid());
        }
        if (!started.isEmpty()) {
            List<Tuple> rows = new ArrayList<>(started.size());
            for (RunningRun r : started) {
                rows.add(Tuple.tuple().addString(r.run().entity()).addString(r.run().project())
                        .addString(r.run().runId()).addString(r.runName()).addString(r.user()).addString(r.tags())
                        .addString(r.config()).addOffsetDateTime(utc(at)));
            }
            chain = chain.chain(() -> pool.preparedQuery("INSERT INTO run_stall_running (entity, project, run_id, "
                    + "run_name, run_user, run_tags, run_config, running_since) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                    + "ON CONFLICT (entity, project, run_id) DO UPDATE SET run_name = EXCLUDED.run_name, "
                    + "run_user = EXCLUDED.run_user, run_tags = EXCLUDED.run_tags, run_config = EXCLUDED.run_config")
                    .executeBatch(rows).replaceWithVoid());
        }
        return chain;
    }

    /** The RUNNING runs of {@code entity} (of {@code project} only, when not null), as {@link #running} noted them. */
    public Uni<List<RunningRun>> runningIn(String entity, String project) {
        return pool.preparedQuery("SELECT entity, project, run_id, run_name, run_user, run_tags, run_config "
                + "FROM run_stall_running WHERE entity = $1 AND ($2::text IS NULL OR project = $2)")
                .execute(Tuple.of(entity, project)).map(rows -> {
                    List<RunningRun> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new RunningRun(new RunKey(row.getString(0), row.getString(1), row.getString(2)),
                                row.getString(3), row.getString(4), row.getString(5), row.getString(6)));
                    }
                    return out;
                });
    }

    /** Which of these automation versions ({@code id + "\n" + version}) have had their RUNNING runs armed. */
    public Uni<Set<String>> seeded(List<String> automationIds, List<String> versions) {
        return pool.preparedQuery("SELECT s.automation_id, s.version FROM run_stall_seeded s "
                + "JOIN unnest($1::text[], $2::text[]) AS k(automation_id, version) "
                + "ON s.automation_id = k.automation_id AND s.version = k.version")
                .execute(Tuple.of(automationIds.toArray(String[]::new), versions.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    for (Row row : rows) {
                        out.add(row.getString(0) + "\n" + row.getString(1));
                    }
                    return out;
                });
    }

    /** Records that this automation version's RUNNING runs were armed (older versions' marks go). */
    public Uni<Void> markSeeded(String automationId, String version, Instant at) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM run_stall_seeded WHERE automation_id = $1 "
                + "AND version <> $2").execute(Tuple.of(automationId, version))
                .chain(() -> c.preparedQuery("INSERT INTO run_stall_seeded (automation_id, version, seeded_at) "
                        + "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING").execute(Tuple.of(automationId, version, utc(at)))))
                .replaceWithVoid();
    }

    /** A RUNNING run with its name, user, and tags and config as JSON text (null when none). */
    public record RunningRun(RunKey run, String runName, String user, String tags, String config) {
    }

    /** A run, as its events name it. */
    public record RunKey(String entity, String project, String runId) {
    }

    /** A deadline as stored, with when it fired (null: not yet, for this stall). */
    public record StallState(StallRow row, Instant firedAt) {
    }

    private static List<StallRow> rows(RowSet<Row> rows) {
        List<StallRow> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(row(row));
        }
        return out;
    }

    private static StallRow row(Row row) {
        return new StallRow(row.getString("automation_id"), row.getString("entity"), row.getString("project"),
                row.getString("run_id"), row.getInteger("metrics_partition"), row.getLong("last_offset"),
                row.getString("run_name"), row.getString("run_user"),
                row.getOffsetDateTime("last_history_at").toInstant(), row.getOffsetDateTime("deadline_at").toInstant(),
                row.getString("run_tags"), row.getString("run_config"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
