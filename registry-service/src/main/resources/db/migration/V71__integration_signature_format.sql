-- How a webhook integration signs (issue 13): Standard Webhooks (the default) or W&B's X-Wandb-Signature.
ALTER TABLE integrations ADD COLUMN IF NOT EXISTS signature_format text NOT NULL DEFAULT 'standard-webhooks'
    CHECK (signature_format IN ('standard-webhooks', 'wandb'));
