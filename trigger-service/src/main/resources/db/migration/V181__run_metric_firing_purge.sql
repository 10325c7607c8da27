-- run_metric_firing rows older than the quiet time (24 h) count for nothing and are purged hourly: by fired_at.
CREATE INDEX IF NOT EXISTS run_metric_firing_fired ON run_metric_firing (fired_at);
