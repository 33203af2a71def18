-- fixture: pg=11
-- strata:up
REINDEX TABLE users;
-- strata:down
SELECT 1;
