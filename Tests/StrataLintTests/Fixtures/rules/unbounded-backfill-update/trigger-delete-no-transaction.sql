-- strata:no-transaction
-- strata:up
DELETE FROM sessions;
DROP INDEX CONCURRENTLY IF EXISTS sessions_token_idx;
-- strata:down
CREATE INDEX CONCURRENTLY sessions_token_idx ON sessions (token);
