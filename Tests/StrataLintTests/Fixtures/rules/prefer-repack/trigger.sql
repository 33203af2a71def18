-- strata:up
CLUSTER users USING users_created_at_idx;
-- strata:down
SELECT 1;
