-- strata:up
-- The index uses a column the down keeps: it is left behind.
ALTER TABLE users ADD COLUMN nickname text;
CREATE INDEX users_email_idx ON users (email);
-- strata:down
ALTER TABLE users DROP COLUMN nickname;
