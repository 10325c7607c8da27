-- Sources: an external registry (MLflow, the Hugging Face Hub) whose webhooks are mirrored into one of an entity's
-- registries. The registry and project are kept by name and looked up on each delivery, so a source outlives neither
-- silently: a delivery for a source whose registry is gone is refused (404). The secret is a team secret's name.
CREATE TABLE IF NOT EXISTS sources (
    id          uuid PRIMARY KEY,
    entity_id   uuid        NOT NULL REFERENCES entities (id),
    name        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('mlflow', 'huggingface')),
    registry    text        NOT NULL,
    project     text        NOT NULL,
    secret      text        NOT NULL,
    created_by  text,
    created_at  timestamptz NOT NULL,
    UNIQUE (entity_id, name)
);

-- Deliveries a source has applied, by their deduplication key (MLflow: the delivery id; the Hub: a digest of the
-- webhook id, the event and the shas). Written in the transaction of the changes they made, so a replay finds it.
CREATE TABLE IF NOT EXISTS source_deliveries (
    source_id    uuid        NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    delivery_key text        NOT NULL,
    event        text        NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (source_id, delivery_key)
);
CREATE INDEX IF NOT EXISTS source_deliveries_received ON source_deliveries (received_at);
