-- strata:up
CREATE FUNCTION plan_price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$;
CREATE OR REPLACE VIEW active_plans AS SELECT * FROM plans WHERE active;
CREATE EXTENSION vector;
CREATE SCHEMA reporting;
CREATE INDEX ON plans (name);
-- strata:down
DROP FUNCTION plan_prices(bigint);
