-- strata:up
DROP FUNCTION legacy_price(bigint);
-- strata:down
CREATE FUNCTION legacy_price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$;
