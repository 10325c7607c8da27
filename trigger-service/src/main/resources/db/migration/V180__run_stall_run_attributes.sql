-- RUN_STALLED reads the run's tags and config: its where (config.<path>) is checked again when a stall fires, and
-- the run_tags and run_config variables render on its event. Both are JSON text as last seen (RUN_STATE RUNNING or the
-- run's latest history record); null when none.
ALTER TABLE run_stall ADD COLUMN IF NOT EXISTS run_tags text;
ALTER TABLE run_stall ADD COLUMN IF NOT EXISTS run_config text;

-- Every run trigger-service saw become RUNNING (created or resumed) and not end since, in every entity: a RUN_STALLED
-- automation created later watches these runs from its creation (not only from their next history).
CREATE TABLE IF NOT EXISTS run_stall_running (
    entity        text        NOT NULL,
    project       text        NOT NULL,
    run_id        text        NOT NULL,
    run_name      text,
    run_user      text,
    run_tags      text,
    run_config    text,
    running_since timestamptz NOT NULL,
    PRIMARY KEY (entity, project, run_id)
);

-- The RUN_STALLED automation versions (id, updated_at) whose already RUNNING runs have been armed, so that a restart
-- does not arm them again (a stall that fired and was purged must not fire anew).
CREATE TABLE IF NOT EXISTS run_stall_seeded (
    automation_id text        NOT NULL,
    version       text        NOT NULL,
    seeded_at     timestamptz NOT NULL,
    PRIMARY KEY (automation_id, version)
);
