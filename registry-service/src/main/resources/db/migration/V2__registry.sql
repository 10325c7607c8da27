-- Users, API keys (hashed) and entity membership.
CREATE TABLE users (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    admin       boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);

CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    key_hash    text        NOT NULL UNIQUE,
    prefix      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE entities (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    created_by  text,
    created_at  timestamptz NOT NULL
);

CREATE TABLE memberships (
    id          uuid PRIMARY KEY,
    entity_id   uuid        NOT NULL REFERENCES entities (id),
    user_id     uuid        NOT NULL REFERENCES users (id),
    role        text        NOT NULL CHECK (role IN ('VIEWER', 'MEMBER', 'ADMIN')),
    created_at  timestamptz NOT NULL,
    UNIQUE (entity_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- The registry: projects and registries hold collections; a collection holds numbered versions of artifacts.
CREATE TABLE projects (
    id          uuid PRIMARY KEY,
    entity_id   uuid        NOT NULL REFERENCES entities (id),
    name        text        NOT NULL,
    description text,
    created_at  timestamptz NOT NULL,
    UNIQUE (entity_id, name)
);

CREATE TABLE registries (
    id          uuid PRIMARY KEY,
    entity_id   uuid        NOT NULL REFERENCES entities (id),
    name        text        NOT NULL,
    description text,
    created_at  timestamptz NOT NULL,
    UNIQUE (entity_id, name)
);

CREATE TABLE collections (
    id          uuid PRIMARY KEY,
    entity_id   uuid        NOT NULL REFERENCES entities (id),
    project_id  uuid REFERENCES projects (id),
    registry_id uuid REFERENCES registries (id),
    name        text        NOT NULL,
    type        text        NOT NULL,
    description text,
    tags        text        NOT NULL DEFAULT '[]',
    next_index  integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    CHECK ((project_id IS NULL) <> (registry_id IS NULL)),
    UNIQUE (project_id, name),
    UNIQUE (registry_id, name)
);

-- An artifact is created once, in a project collection (its source); it is a version there and in every registry
-- collection it is linked into, each with its own index.
CREATE TABLE artifacts (
    id            uuid PRIMARY KEY,
    entity_id     uuid        NOT NULL REFERENCES entities (id),
    collection_id uuid        NOT NULL REFERENCES collections (id),
    type          text        NOT NULL,
    digest        text,
    metadata      text        NOT NULL DEFAULT '{}',
    run_id        text,
    author        text,
    created_at    timestamptz NOT NULL
);

CREATE TABLE collection_versions (
    id            uuid PRIMARY KEY,
    collection_id uuid        NOT NULL REFERENCES collections (id),
    artifact_id   uuid        NOT NULL REFERENCES artifacts (id),
    version_index integer     NOT NULL,
    created_by    text,
    created_at    timestamptz NOT NULL,
    UNIQUE (collection_id, version_index),
    UNIQUE (collection_id, artifact_id)
);
CREATE INDEX collection_versions_artifact ON collection_versions (artifact_id);

CREATE TABLE version_aliases (
    id            uuid PRIMARY KEY,
    collection_id uuid        NOT NULL REFERENCES collections (id),
    version_id    uuid        NOT NULL REFERENCES collection_versions (id) ON DELETE CASCADE,
    alias         text        NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (collection_id, alias)
);
CREATE INDEX version_aliases_version ON version_aliases (version_id);

CREATE TABLE version_tags (
    id            uuid PRIMARY KEY,
    version_id    uuid        NOT NULL REFERENCES collection_versions (id) ON DELETE CASCADE,
    tag           text        NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (version_id, tag)
);

CREATE TABLE runs (
    id          uuid PRIMARY KEY,
    entity_id   uuid        NOT NULL REFERENCES entities (id),
    project_id  uuid        NOT NULL REFERENCES projects (id),
    run_id      text        NOT NULL,
    name        text        NOT NULL,
    user_name   text,
    config      text        NOT NULL DEFAULT '{}',
    state       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (project_id, run_id)
);

-- Integrations name secrets, never hold their values.
CREATE TABLE integrations (
    id                  uuid PRIMARY KEY,
    entity_id           uuid        NOT NULL REFERENCES entities (id),
    name                text        NOT NULL,
    kind                text        NOT NULL CHECK (kind IN ('webhook', 'slack')),
    url                 text,
    access_token_secret text,
    signing_secret      text,
    channel             text,
    webhook_url_secret  text,
    bot_token_secret    text,
    api_base_url        text,
    disabled            boolean     NOT NULL DEFAULT false,
    disabled_reason     text,
    created_by          text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (entity_id, name)
);

-- Automations as normalised definitions; the scope columns serve the list filters.
CREATE TABLE automations (
    id               uuid PRIMARY KEY,
    entity_id        uuid        NOT NULL REFERENCES entities (id),
    name             text        NOT NULL,
    description      text,
    enabled          boolean     NOT NULL,
    scope_type       text        NOT NULL,
    scope_project    text,
    scope_registry   text,
    scope_collection text,
    event_type       text        NOT NULL,
    filter           text        NOT NULL,
    action           text        NOT NULL,
    integration_name text,
    created_by       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (entity_id, name)
);
CREATE INDEX automations_integration ON automations (entity_id, integration_name);

-- The transactional outbox: written in the transaction of each change, relayed to Kafka in id order.
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
