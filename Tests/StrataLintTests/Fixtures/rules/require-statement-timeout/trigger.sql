-- strata:lock-timeout 5s
-- strata:up
ALTER TABLE users ALTER COLUMN id TYPE bigint;
-- strata:down
SELECT 1;
