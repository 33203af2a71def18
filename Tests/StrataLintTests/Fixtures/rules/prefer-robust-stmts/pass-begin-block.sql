-- strata:no-transaction
-- strata:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_old_idx ON users (old);
-- strata:down
BEGIN;
CREATE TABLE legacy_events (id bigint PRIMARY KEY);
DROP TABLE audit_events;
COMMIT;
