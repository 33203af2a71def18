-- strata:no-transaction
-- strata:up
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
START TRANSACTION;
UPDATE users SET nickname = name WHERE nickname IS NULL;
-- strata:down
ALTER TABLE users DROP COLUMN IF EXISTS nickname;
