-- Per-automation rate limits (issue 13): the firing times (epoch milliseconds) an automation's limit let through
-- within its current window, one row per rate-limited automation. One atomic INSERT ... ON CONFLICT DO UPDATE per
-- firing decides and records it, so any number of action-service instances share one exact limit.
CREATE TABLE IF NOT EXISTS rate_limit_window (
    automation_id varchar(64) PRIMARY KEY,
    fired         bigint[]    NOT NULL
);
