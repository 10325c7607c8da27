-- A run's logged history as one row per history call (a chunk of parallel arrays: the i-th value of each is one
-- point) instead of one row per (metric, step): a 1,000-point call is one small insert, not 1,000 index entries.
-- A (metric, step) logged again is not overwritten: the latest chunk (highest seq), and within a chunk the last
-- position, wins when the history is read through the run_history view, so a retried call stays harmless.
CREATE TABLE run_history_chunk (
    run_id   uuid               NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq      bigint             GENERATED ALWAYS AS IDENTITY,
    metrics  text[]             NOT NULL,
    steps    bigint[]           NOT NULL,
    vals     double precision[] NOT NULL,
    ts       timestamptz[]      NOT NULL,
    PRIMARY KEY (run_id, seq)
);

INSERT INTO run_history_chunk (run_id, metrics, steps, vals, ts)
SELECT run_id, array_agg(metric ORDER BY metric, step), array_agg(step ORDER BY metric, step),
       array_agg(value ORDER BY metric, step), array_agg(ts ORDER BY metric, step)
FROM run_history
GROUP BY run_id;

DROP TABLE run_history;

-- The history as it reads: one row per (run, metric, step), the last logged value winning. A filter on run_id is
-- pushed below the DISTINCT ON, so reading one run reads only that run's chunks.
CREATE VIEW run_history AS
SELECT DISTINCT ON (c.run_id, u.metric, u.step) c.run_id, u.metric, u.step, u.value, u.ts
FROM run_history_chunk c
CROSS JOIN LATERAL unnest(c.metrics, c.steps, c.vals, c.ts) WITH ORDINALITY AS u (metric, step, value, ts, i)
ORDER BY c.run_id, u.metric, u.step, c.seq DESC, u.i DESC;
