-- strata:no-transaction
-- strata:up
BEGIN;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
COMMIT;
-- strata:down
DROP INDEX CONCURRENTLY users_email_idx;
