-- strata:up
CREATE INDEX users_email_idx ON users (email);
-- strata:down
DROP INDEX users_email_idx;
