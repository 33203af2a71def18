-- strata:up
CREATE FUNCTION plan_price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$;
CREATE PROCEDURE refresh_totals() LANGUAGE sql AS $$ SELECT 1 $$;
-- strata:down
DROP PROCEDURE refresh_totals();
DROP FUNCTION IF EXISTS plan_price(bigint);
