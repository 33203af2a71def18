-- strata:up
REINDEX INDEX users_email_idx;
-- strata:down
SELECT 1;
