-- Issue 18 (tracing): the trace an execution belongs to, shown in its history, and the W3C trace context its
-- delivery attempts' spans are children of.
ALTER TABLE execution ADD COLUMN IF NOT EXISTS trace_id varchar(32);
ALTER TABLE execution ADD COLUMN IF NOT EXISTS traceparent varchar(55);
