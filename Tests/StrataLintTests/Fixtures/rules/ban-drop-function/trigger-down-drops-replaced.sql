-- strata:up
-- CREATE OR REPLACE may have replaced a function that existed before: dropping it on rollback removes it.
CREATE OR REPLACE FUNCTION price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 2 $$;
-- strata:down
DROP FUNCTION price(bigint);
