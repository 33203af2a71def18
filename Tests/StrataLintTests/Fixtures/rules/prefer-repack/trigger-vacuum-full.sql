-- strata:no-transaction
-- strata:up
VACUUM (FULL, ANALYZE) events;
-- strata:down
SELECT 1;
