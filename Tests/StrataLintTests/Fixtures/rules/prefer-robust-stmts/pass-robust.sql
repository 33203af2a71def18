-- strata:no-transaction
-- strata:up
SELECT 1;
-- strata:down
CREATE TABLE IF NOT EXISTS audit_events (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN IF NOT EXISTS last_seen_at timestamptz;
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_positive;
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;
