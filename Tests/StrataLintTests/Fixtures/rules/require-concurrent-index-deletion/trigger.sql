-- strata:up
DROP INDEX users_email_idx;
-- strata:down
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
