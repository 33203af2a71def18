-- strata:up
TRUNCATE TABLE users CASCADE;
-- strata:down
SELECT 1;
