-- strata:up
ALTER TABLE users DROP IF EXISTS legacy_token, ADD COLUMN token_hash text;
-- strata:down
ALTER TABLE users DROP COLUMN token_hash;
