-- A table created in the same file does not make another table's index safe.
-- strata:up
CREATE TABLE audit_log (id bigint PRIMARY KEY, user_id bigint NOT NULL);
CREATE INDEX users_created_at_idx ON users (created_at);
-- strata:down
DROP TABLE audit_log;
