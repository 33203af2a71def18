-- One statement alone either applies or does not.
-- strata:no-transaction
-- strata:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_old_idx ON users (old);
-- strata:down
DROP INDEX CONCURRENTLY users_old_idx;
