-- strata:statement-timeout 10min
-- strata:up
ALTER TABLE users ALTER COLUMN id TYPE bigint;
-- strata:down
SELECT 1;
