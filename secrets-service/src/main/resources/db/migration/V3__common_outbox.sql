-- Change notices move to the outbox shape every service shares (common's ai.automations.common.outbox): one row per
-- Kafka record, published in id order by one relay at a time, marked sent once Kafka acknowledged it and deleted
-- after the retention. Notices still pending in the old table are carried over in their order, as the JSON the
-- service writes for common's SecretChange.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    payload      text,
    content_type text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

INSERT INTO outbox (topic, message_key, payload, content_type, created_at)
SELECT 'automation.secrets.changes',
       entity || '/' || name,
       '{"entity":' || to_json(entity)::text || ',"name":' || to_json(name)::text || ',"version":' || version
           || ',"deleted":' || deleted::text || '}',
       'application/json',
       created_at
FROM secret_change_outbox
ORDER BY id;

DROP TABLE secret_change_outbox;
