-- strata:up
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE INDEX plans_name_idx ON plans (name);
CREATE TYPE plan_tier AS ENUM ('free', 'pro');
CREATE FUNCTION plan_price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$;
CREATE MATERIALIZED VIEW plan_names AS SELECT name FROM plans;
CREATE SEQUENCE IF NOT EXISTS plan_numbers;
-- strata:down
DROP SEQUENCE IF EXISTS plan_numbers;
DROP MATERIALIZED VIEW plan_names;
DROP FUNCTION IF EXISTS plan_price(bigint);
DROP TYPE plan_tier;
DROP INDEX plans_name_idx;
DROP TABLE plans;
