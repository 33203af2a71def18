-- strata:no-transaction
-- strata:up
VACUUM (ANALYZE) events;
VACUUM (FULL false) events;
-- strata:down
SELECT 1;
