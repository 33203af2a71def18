-- strata:up
SET LOCAL statement_timeout = '10min';
ALTER TABLE users ALTER COLUMN id TYPE bigint;
-- strata:down
SELECT 1;
