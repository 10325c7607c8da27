-- An automation's optional rate limit (issue 13): at most rate_limit_max executions per rate_limit_per_seconds.
ALTER TABLE automations ADD COLUMN IF NOT EXISTS rate_limit_max integer;
ALTER TABLE automations ADD COLUMN IF NOT EXISTS rate_limit_per_seconds integer;
ALTER TABLE automations ADD CONSTRAINT automations_rate_limit_both
    CHECK ((rate_limit_max IS NULL) = (rate_limit_per_seconds IS NULL)
           AND (rate_limit_max IS NULL OR (rate_limit_max > 0 AND rate_limit_per_seconds > 0)));
