-- A run's logged history, read back by the history and metrics endpoints (the console's charts). One row per
-- (metric, step): a retried batch overwrites its rows instead of adding new ones.
CREATE TABLE run_history (
    run_id  uuid             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    metric  text             NOT NULL,
    step    bigint           NOT NULL,
    value   double precision NOT NULL,
    ts      timestamptz      NOT NULL,
    PRIMARY KEY (run_id, metric, step)
);
