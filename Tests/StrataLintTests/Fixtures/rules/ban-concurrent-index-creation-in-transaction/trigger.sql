-- strata:up
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- strata:down
DROP INDEX CONCURRENTLY users_email_idx;
