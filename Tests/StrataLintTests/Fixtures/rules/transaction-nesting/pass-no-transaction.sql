-- strata:no-transaction
-- strata:up
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
BEGIN;
UPDATE users SET nickname = name;
COMMIT;
-- strata:down
ALTER TABLE users DROP COLUMN IF EXISTS nickname;
