-- Run ids are unique per project only: the 24-hour firing ledger keys a run by (entity, project, run id), so an
-- ENTITY-scoped automation that fired for run "r" of one project still fires for run "r" of another. Rows written
-- before keep empty entity and project and still count for the run id they name (FiringLedger reads them too).
ALTER TABLE run_metric_firing ADD COLUMN IF NOT EXISTS entity text NOT NULL DEFAULT '';
ALTER TABLE run_metric_firing ADD COLUMN IF NOT EXISTS project text NOT NULL DEFAULT '';
ALTER TABLE run_metric_firing DROP CONSTRAINT run_metric_firing_pkey;
ALTER TABLE run_metric_firing ADD PRIMARY KEY (automation_id, entity, project, run_id);
CREATE INDEX IF NOT EXISTS run_metric_firing_run ON run_metric_firing (automation_id, run_id);
