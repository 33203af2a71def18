-- fixture: rules=require-concurrent-index-creation
-- strata:no-transaction
-- strata:up
-- strata:nolint require-concurrent-index-creation
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- strata:down
DROP INDEX CONCURRENTLY users_email_idx;
