-- strata:no-transaction
-- strata:up
BEGIN;
UPDATE settings SET value = 'on' WHERE key = 'search';
COMMIT;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- strata:down
DROP INDEX CONCURRENTLY users_email_idx;
