-- Strata records the up section's progress and resumes at the failed statement: earlier ones are not repeated.
-- strata:no-transaction
-- strata:up
CREATE TABLE audit_events (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN last_seen_at timestamptz;
CREATE INDEX CONCURRENTLY users_last_seen_idx ON users (last_seen_at);
-- strata:down
DROP INDEX CONCURRENTLY IF EXISTS users_last_seen_idx;
ALTER TABLE users DROP COLUMN IF EXISTS last_seen_at;
DROP TABLE IF EXISTS audit_events;
