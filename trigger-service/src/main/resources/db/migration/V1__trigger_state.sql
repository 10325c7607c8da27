-- Window state of run-metric rules, checkpointed together with the consumed offset of each partition of
-- automation.run-metrics: a checkpoint row and the window rows it covers are written in one transaction.
CREATE TABLE metric_checkpoint (
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

CREATE TABLE metric_window (
    topic      text        NOT NULL,
    partition  int         NOT NULL,
    run_id     text        NOT NULL,
    metric     text        NOT NULL,
    entity     text        NOT NULL,
    project    text        NOT NULL,
    run_name   text,
    run_user   text,
    state      bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, run_id, metric)
);
CREATE INDEX metric_window_partition ON metric_window (topic, partition);

-- The last firing of each run-metric automation per run: the 24-hour rule survives restarts through it.
CREATE TABLE run_metric_firing (
    automation_id text        NOT NULL,
    run_id        text        NOT NULL,
    fired_at      timestamptz NOT NULL,
    event_id      text        NOT NULL,
    PRIMARY KEY (automation_id, run_id)
);
