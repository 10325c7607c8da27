-- Window state of run-metric rules, checkpointed together with the consumed offset of each partition of
-- automation.run-metrics: a checkpoint row and the window groups it covers are written in one transaction.
CREATE TABLE metric_checkpoint (
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- The windows of the runs of one group (runs are grouped by a hash of their id), in trigger-service's binary form.
CREATE TABLE metric_window_group (
    topic      text        NOT NULL,
    partition  int         NOT NULL,
    grp        int         NOT NULL,
    state      bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition, grp)
);
-- Doubles do not compress; spare the CPU.
ALTER TABLE metric_window_group ALTER COLUMN state SET STORAGE EXTERNAL;

-- The last firing of each run-metric automation per run: the 24-hour rule survives restarts through it.
CREATE TABLE run_metric_firing (
    automation_id text        NOT NULL,
    run_id        text        NOT NULL,
    fired_at      timestamptz NOT NULL,
    event_id      text        NOT NULL,
    PRIMARY KEY (automation_id, run_id)
);
