-- Secret metadata: one row per live secret. Values are never here: they are in secret_value (database backend,
-- encrypted) or in Vault (vault backend); `store` says which, `store_version` is Vault's KV version of the current value.
CREATE TABLE secret (
    id            BIGSERIAL PRIMARY KEY,
    entity        VARCHAR(128) NOT NULL,
    name          VARCHAR(128) NOT NULL,
    version       INTEGER      NOT NULL,
    store         VARCHAR(16)  NOT NULL,
    store_version INTEGER,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(255),
    updated_by    VARCHAR(255),
    CONSTRAINT secret_entity_name_key UNIQUE (entity, name)
);

-- The database backend's values: AES-256-GCM ciphertext under a per-version data key, which is wrapped by the KEK
-- `kek_id`. Both are IV || ciphertext || tag, bound by associated data to (entity, name, version).
CREATE TABLE secret_value (
    id          BIGSERIAL PRIMARY KEY,
    entity      VARCHAR(128) NOT NULL,
    name        VARCHAR(128) NOT NULL,
    version     INTEGER      NOT NULL,
    kek_id      VARCHAR(64)  NOT NULL,
    wrapped_key BYTEA        NOT NULL,
    ciphertext  BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT secret_value_version_key UNIQUE (entity, name, version)
);
CREATE INDEX secret_value_kek_id_idx ON secret_value (kek_id);

-- Who did what to which secret, and when; never a value.
CREATE TABLE secret_audit (
    id            BIGSERIAL PRIMARY KEY,
    entity        VARCHAR(128) NOT NULL,
    secret_name   VARCHAR(128) NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    version       INTEGER,
    actor_type    VARCHAR(16)  NOT NULL,
    actor_id      VARCHAR(255),
    actor_name    VARCHAR(255),
    automation_id VARCHAR(255),
    execution_id  VARCHAR(255),
    at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX secret_audit_entity_idx ON secret_audit (entity, id DESC);

-- Transactional outbox of change notices for automation.secrets.changes: written in the same transaction as the
-- change, deleted once Kafka has acknowledged it.
CREATE TABLE secret_change_outbox (
    id         BIGSERIAL PRIMARY KEY,
    entity     VARCHAR(128) NOT NULL,
    name       VARCHAR(128) NOT NULL,
    version    INTEGER      NOT NULL,
    deleted    BOOLEAN      NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
