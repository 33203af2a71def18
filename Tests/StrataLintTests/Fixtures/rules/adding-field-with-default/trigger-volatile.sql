-- strata:up
ALTER TABLE users ADD COLUMN api_token uuid DEFAULT gen_random_uuid() NOT NULL;
-- strata:down
ALTER TABLE users DROP COLUMN api_token;
