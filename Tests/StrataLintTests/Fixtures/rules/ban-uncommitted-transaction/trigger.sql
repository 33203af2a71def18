-- strata:no-transaction
-- strata:up
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
-- strata:down
ALTER TABLE users DROP COLUMN IF EXISTS nickname;
