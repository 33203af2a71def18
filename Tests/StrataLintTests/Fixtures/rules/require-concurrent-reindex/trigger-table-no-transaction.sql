-- strata:no-transaction
-- strata:up
REINDEX (VERBOSE) TABLE users;
-- strata:down
SELECT 1;
