-- A run's tags (a JSON array of names), set at creation and replaced by PATCH; where filters read them.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS tags text NOT NULL DEFAULT '[]';
