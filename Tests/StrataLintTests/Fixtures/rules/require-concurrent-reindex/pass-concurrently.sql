-- strata:no-transaction
-- strata:up
REINDEX INDEX CONCURRENTLY users_email_idx;
REINDEX (CONCURRENTLY, VERBOSE) TABLE users;
-- strata:down
SELECT 1;
