-- One row per action request (request_id is unique: the same request twice makes one execution).
-- The row is also the delivery schedule: a PENDING row is due at next_attempt_at and is worked on by
-- whichever instance holds its lease (lease_owner/lease_token until lease_until).
CREATE TABLE execution (
    id              uuid         PRIMARY KEY,
    request_id      varchar(64)  NOT NULL,
    webhook_id      varchar(80)  NOT NULL,
    entity          varchar(128) NOT NULL,
    automation_id   varchar(64)  NOT NULL,
    automation_name varchar(255),
    event_id        varchar(255),
    event_type      varchar(64),
    action_type     varchar(32)  NOT NULL,
    integration     varchar(64),
    lane            varchar(200) NOT NULL,
    status          varchar(16)  NOT NULL,
    reason          text,
    action_request  text         NOT NULL,
    request_url     text,
    request_payload text,
    attempts        text         NOT NULL DEFAULT '[]',
    attempt_count   integer      NOT NULL DEFAULT 0,
    redelivery      boolean      NOT NULL DEFAULT false,
    next_attempt_at timestamptz,
    lease_owner     varchar(80),
    lease_token     uuid,
    lease_until     timestamptz,
    dlq_pending     boolean      NOT NULL DEFAULT false,
    created_at      timestamptz  NOT NULL,
    finished_at     timestamptz,
    version         integer      NOT NULL DEFAULT 0,
    CONSTRAINT execution_request_id_unique UNIQUE (request_id)
);

CREATE INDEX execution_history ON execution (entity, automation_id, created_at DESC);
CREATE INDEX execution_due ON execution (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX execution_dead_letters ON execution (created_at) WHERE dlq_pending;
