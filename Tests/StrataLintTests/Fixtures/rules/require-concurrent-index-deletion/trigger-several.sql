-- strata:no-transaction
-- strata:up
DROP INDEX IF EXISTS users_email_idx, public.users_name_idx CASCADE;
-- strata:down
SELECT 1;
