-- Outbox rows keep the W3C traceparent of the request that wrote them (issue 18: tracing), so the Kafka record
-- they become continues that request's trace.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent varchar(55);
