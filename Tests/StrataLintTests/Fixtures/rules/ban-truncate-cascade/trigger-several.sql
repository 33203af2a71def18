-- strata:up
TRUNCATE ONLY sessions, tokens RESTART IDENTITY CASCADE;
-- strata:down
SELECT 1;
