-- Strata already runs this file in a transaction.
-- strata:up
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
-- strata:down
ALTER TABLE users DROP COLUMN nickname;
