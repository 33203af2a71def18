-- A failed CREATE INDEX CONCURRENTLY leaves an invalid index behind, so even alone it must be rerunnable.
-- strata:no-transaction
-- strata:up
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
-- strata:down
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
