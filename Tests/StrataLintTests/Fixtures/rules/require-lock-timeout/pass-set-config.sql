-- strata:up
SELECT set_config('lock_timeout', '3s', true);
ALTER TABLE users ADD COLUMN nickname text;
-- strata:down
SELECT 1;
