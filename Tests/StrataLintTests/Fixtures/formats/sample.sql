-- strata:up
SET statement_timeout = '1min';
ALTER TABLE users ADD COLUMN api_token uuid DEFAULT gen_random_uuid();
SELECT 1; CREATE INDEX users_email_idx ON users (email);
-- strata:nolint require-concurrent-index-deletion
CREATE EXTENSION IF NOT EXISTS "vector";
-- strata:down
ALTER TABLE users DROP COLUMN api_token;
