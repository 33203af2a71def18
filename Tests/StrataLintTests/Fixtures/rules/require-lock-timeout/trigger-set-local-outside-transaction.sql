-- SET LOCAL outside a transaction block does nothing.
-- strata:no-transaction
-- strata:up
SET LOCAL lock_timeout = '5s';
DROP TABLE legacy_sessions;
-- strata:down
SELECT 1;
