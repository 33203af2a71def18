-- strata:up
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE plan_prices (plan_id bigint NOT NULL, cents bigint NOT NULL);
CREATE INDEX plan_prices_plan_id_idx ON plan_prices (plan_id);
CREATE TYPE plan_tier AS ENUM ('free', 'pro');
-- strata:down
DROP TABLE plan_prices;
DROP TABLE plan;
