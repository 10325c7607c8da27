package ai.automations.registry.run;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.error.ApiException;
import ai.automations.registry.run.RunViews.MetricPoint;
import ai.automations.registry.run.RunViews.MetricSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A run's history in PostgreSQL through the reactive client: each call's points are one row of arrays in
 * {@code run_history_chunk}, by step when every step logs the same metrics, else value by value (an ORM, or a row per
 * point, would cost a statement or an index entry per point), and the reads go through the {@code run_history} view,
 * which reads both forms, resolves a (metric, step) logged twice to its last value and downsamples in the database so
 * that a long run's chart never ships every point.
 */
@ApplicationScoped
public class RunHistoryRepository {

    /**
     * The run a history call names, in one statement on the SQL client (no ORM session, no statement per level): a
     * missing entity gives no row, a missing project or run a row whose id is null, so each gets its own 404.
     */
    private static final String RUN = """
            SELECT e.id AS entity_id, p.id AS project_id, r.id, r.name, r.user_name, r.tags, r.config
            FROM entities e
            LEFT JOIN projects p ON p.entity_id = e.id AND p.name = $2
            LEFT JOIN runs r ON r.project_id = p.id AND r.run_id = $3
            WHERE e.name = $1""";

    /** One row per call: a retried call adds a chunk whose values win, it never duplicates a point. */
    private static final String INSERT = """
            INSERT INTO run_history_chunk (run_id, metrics, steps, vals, ts, width) VALUES ($1, $2, $3, $4, $5, $6)""";

    /**
     * Every metric's points in step order, or {@code $3} of them evenly spread when it has more: point {@code i} of
     * {@code n} is kept when it starts a new one of {@code $3} equal buckets, which keeps the first and the last.
     */
    private static final String POINTS = """
            SELECT metric, step, value, ts FROM (
                SELECT metric, step, value, ts,
                       row_number() OVER (PARTITION BY metric ORDER BY step) - 1 AS i,
                       count(*) OVER (PARTITION BY metric) AS n
                FROM run_history
                WHERE run_id = $1 AND ($2::text[] IS NULL OR metric = ANY ($2::text[]))
            ) h
            WHERE n <= $3 OR i = 0 OR (i * ($3 - 1)) / (n - 1) <> ((i - 1) * ($3 - 1)) / (n - 1)
            ORDER BY metric, step""";

    /** The run's points are resolved once (the CTE), then summarised and their last point taken per metric. */
    private static final String SUMMARY = """
            WITH h AS MATERIALIZED (SELECT metric, step, value, ts FROM run_history WHERE run_id = $1)
            SELECT s.metric, s.points, s.min, s.max, l.step, l.value, l.ts
            FROM (SELECT metric, count(*) AS points, min(value) AS min, max(value) AS max FROM h GROUP BY metric) s
            JOIN (SELECT DISTINCT ON (metric) metric, step, value, ts FROM h ORDER BY metric, step DESC) l
              ON l.metric = s.metric
            ORDER BY s.metric""";

    private final Pool pool;

    public RunHistoryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The values of one call in the order logged (a later one wins over an earlier one), column by column: with
     * {@code width} null, one entry of each array per value; else one step and time per step, the {@code width}
     * metric names once and the values step by step, each step's in the names' order (see {@code V210}).
     */
    public record Columns(String[] metrics, Long[] steps, Double[] values, OffsetDateTime[] timestamps,
            Integer width) {
    }

    /**
     * The run (detached: id, run id, name, user, tags and config are read), or a 404 naming the missing entity,
     * project or run as the ORM lookups did.
     */
    public Uni<Run> run(String entity, String project, String runId) {
        return pool.preparedQuery(RUN).execute(Tuple.of(entity, project, runId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                throw ApiException.notFound("No entity '" + entity + "'.");
            }
            Row row = it.next();
            if (row.getUUID("project_id") == null) {
                throw ApiException.notFound("No project '" + project + "' in entity '" + entity + "'.");
            }
            if (row.getUUID("id") == null) {
                throw ApiException.notFound("No run '" + runId + "' in project '" + project + "'.");
            }
            Run run = new Run();
            run.id = row.getUUID("id");
            run.entityId = row.getUUID("entity_id");
            run.projectId = row.getUUID("project_id");
            run.runId = runId;
            run.name = row.getString("name");
            run.user = row.getString("user_name");
            run.tags = row.getString("tags");
            run.config = row.getString("config");
            return run;
        });
    }

    /** Stores one call's points as one chunk, in one statement. */
    public Uni<Void> insert(UUID run, Columns batch) {
        Tuple args = Tuple.tuple().addUUID(run).addArrayOfString(batch.metrics()).addArrayOfLong(batch.steps())
                .addArrayOfDouble(batch.values()).addArrayOfOffsetDateTime(batch.timestamps())
                .addInteger(batch.width());
        return pool.preparedQuery(INSERT).execute(args).replaceWithVoid();
    }

    /** The run's points per metric (all when {@code metrics} is empty), at most {@code limit} each, by step. */
    public Uni<Map<String, List<MetricPoint>>> points(UUID run, List<String> metrics, int limit) {
        Tuple args = Tuple.tuple().addUUID(run)
                .addArrayOfString(metrics.isEmpty() ? null : metrics.toArray(String[]::new)).addLong((long) limit);
        return pool.preparedQuery(POINTS).execute(args).map(rows -> {
            Map<String, List<MetricPoint>> byMetric = new LinkedHashMap<>();
            for (Row row : rows) {
                byMetric.computeIfAbsent(row.getString("metric"), m -> new ArrayList<>()).add(new MetricPoint(
                        row.getLong("step"), row.getDouble("value"), row.getOffsetDateTime("ts")));
            }
            return byMetric;
        });
    }

    /** Each metric of the run with its number of points, extremes and last point, by name. */
    public Uni<List<MetricSummary>> summary(UUID run) {
        return pool.preparedQuery(SUMMARY).execute(Tuple.of(run)).map(rows -> {
            List<MetricSummary> metrics = new ArrayList<>();
            for (Row row : rows) {
                metrics.add(new MetricSummary(row.getString("metric"), row.getLong("points"), row.getDouble("min"),
                        row.getDouble("max"), new MetricPoint(row.getLong("step"), row.getDouble("value"),
                                row.getOffsetDateTime("ts"))));
            }
            return metrics;
        });
    }
}
