-- strata:no-transaction
-- strata:up
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key
    ON public.users USING btree (lower(email));
-- strata:down
DROP INDEX CONCURRENTLY IF EXISTS users_email_key;
