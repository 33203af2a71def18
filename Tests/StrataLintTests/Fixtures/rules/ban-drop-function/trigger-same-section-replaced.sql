-- strata:up
-- CREATE OR REPLACE may have replaced a function that existed before the migration: dropping it removes that one.
CREATE OR REPLACE FUNCTION price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 2 $$;
DROP FUNCTION price(bigint);
-- strata:down
SELECT 1;
