-- Rolling back a no-transaction file that failed part way runs its down section again from the start.
-- strata:no-transaction
-- strata:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_last_seen_idx ON users (last_seen_at);
ALTER TABLE users ADD COLUMN IF NOT EXISTS last_seen_at timestamptz;
-- strata:down
DROP INDEX CONCURRENTLY users_last_seen_idx;
ALTER TABLE users DROP COLUMN last_seen_at;
CREATE TABLE audit_archive (id bigint PRIMARY KEY);
