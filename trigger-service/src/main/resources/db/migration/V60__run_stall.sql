-- RUN_STALLED: one deadline per (RUN_STALLED automation, RUNNING run) it covers, persisted so that a restart (even a
-- kill -9) neither loses nor repeats a stall. A row is armed (or re-armed, clearing fired_at) by history read from
-- automation.run-metrics at a later offset than the one it holds, so replaying records after a restart changes
-- nothing; the owner of metrics_partition fires it once deadline_at has passed and sets fired_at.
CREATE TABLE IF NOT EXISTS run_stall (
    automation_id     text        NOT NULL,
    entity            text        NOT NULL,
    project           text        NOT NULL,
    run_id            text        NOT NULL,
    metrics_partition int         NOT NULL,
    last_offset       bigint      NOT NULL,
    run_name          text,
    run_user          text,
    last_history_at   timestamptz NOT NULL,
    deadline_at       timestamptz NOT NULL,
    fired_at          timestamptz,
    PRIMARY KEY (automation_id, entity, project, run_id)
);
CREATE INDEX IF NOT EXISTS run_stall_due ON run_stall (metrics_partition, deadline_at) WHERE fired_at IS NULL;
CREATE INDEX IF NOT EXISTS run_stall_run ON run_stall (entity, project, run_id);

-- Runs that finished, failed, crashed or were killed: history read after their end never arms a deadline again.
CREATE TABLE IF NOT EXISTS run_stall_ended (
    entity   text        NOT NULL,
    project  text        NOT NULL,
    run_id   text        NOT NULL,
    ended_at timestamptz NOT NULL,
    PRIMARY KEY (entity, project, run_id)
);
