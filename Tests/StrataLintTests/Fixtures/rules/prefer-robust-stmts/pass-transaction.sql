-- Strata runs this file in one transaction: a failure undoes everything, so a retry starts clean.
-- strata:up
CREATE TABLE audit_events (id bigint PRIMARY KEY);
-- strata:down
DROP TABLE audit_events;
ALTER TABLE users DROP COLUMN last_seen_at;
