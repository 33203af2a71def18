-- strata:up
-- The down drops what the up created, with CREATE OR REPLACE too: that is what down-does-not-revert-up asks for.
CREATE OR REPLACE FUNCTION price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 2 $$;
-- strata:down
DROP FUNCTION price(bigint);
