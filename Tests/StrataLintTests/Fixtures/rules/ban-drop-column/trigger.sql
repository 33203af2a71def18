-- strata:up
ALTER TABLE users DROP COLUMN legacy_token;
-- strata:down
ALTER TABLE users ADD COLUMN legacy_token text;
