-- Issue 18 (tracing): a webhook integration may carry the W3C traceparent header on its calls (off by default).
ALTER TABLE integrations ADD COLUMN IF NOT EXISTS send_traceparent boolean NOT NULL DEFAULT false;
