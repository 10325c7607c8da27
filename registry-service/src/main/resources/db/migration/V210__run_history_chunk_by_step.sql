-- A history call whose steps all log the same metrics (the usual shape: a training loop logging its loss, accuracy
-- and learning rate every step) is stored by step instead of by value: `steps` and `ts` hold one entry per step,
-- `metrics` the call's metric names once, and `vals` a steps × width matrix, row by row (the value of metrics[k]
-- at steps[n] is vals[(n - 1) * width + k]); width is the number of metrics. A 1,000-point call of 100 steps × 10
-- metrics is then 100 steps, 100 timestamps, 10 names and 1,000 values instead of 1,000 of each, which is what the
-- service spent most of its encoding time on and PostgreSQL most of its compression time. A call whose steps log
-- different metrics keeps the value-by-value form (width NULL), and so do the chunks written before.
ALTER TABLE run_history_chunk ADD COLUMN width integer;

ALTER TABLE run_history_chunk ADD CONSTRAINT run_history_chunk_shape CHECK (
    CASE WHEN width IS NULL
        THEN cardinality(steps) = cardinality(metrics) AND cardinality(vals) = cardinality(metrics)
             AND cardinality(ts) = cardinality(metrics)
        ELSE width > 0 AND cardinality(metrics) = width AND cardinality(ts) = cardinality(steps)
             AND cardinality(vals) = width * cardinality(steps)
    END) NOT VALID;

-- The history as it reads, for both forms: one row per (run, metric, step), the last logged value winning (the
-- latest chunk, then the last position in it). A by-step chunk's arrays are read once through the subquery `g`
-- (OFFSET 0 keeps it from being merged away), so that looking up each value by its position indexes an array
-- already decompressed instead of decompressing it again for every value.
CREATE OR REPLACE VIEW run_history AS
SELECT DISTINCT ON (c.run_id, u.metric, u.step) c.run_id, u.metric, u.step, u.value, u.ts
FROM run_history_chunk c
CROSS JOIN LATERAL (
    SELECT l.metric, l.step, l.value, l.ts, l.i
    FROM unnest(c.metrics, c.steps, c.vals, c.ts) WITH ORDINALITY AS l (metric, step, value, ts, i)
    WHERE c.width IS NULL
    UNION ALL
    SELECT m.metric, s.step, g.vals[(s.n - 1) * g.width + m.k], s.ts, (s.n - 1) * g.width + m.k
    FROM (SELECT c.metrics || '{}'::text[] AS metrics, c.steps || '{}'::bigint[] AS steps,
                 c.vals || '{}'::double precision[] AS vals, c.ts || '{}'::timestamptz[] AS ts, c.width
          WHERE c.width IS NOT NULL OFFSET 0) g
    CROSS JOIN LATERAL unnest(g.steps, g.ts) WITH ORDINALITY AS s (step, ts, n)
    CROSS JOIN LATERAL unnest(g.metrics) WITH ORDINALITY AS m (metric, k)
) u
ORDER BY c.run_id, u.metric, u.step, c.seq DESC, u.i DESC;
