-- strata:no-transaction
-- strata:up
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
BEGIN;
UPDATE users SET nickname = name WHERE nickname IS NULL;
ROLLBACK;
-- strata:down
ALTER TABLE users DROP COLUMN IF EXISTS nickname;
