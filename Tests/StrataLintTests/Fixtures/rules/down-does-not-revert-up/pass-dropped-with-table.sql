-- strata:up
-- An index, a partition and an owned sequence go with their table; a view with the table it reads (CASCADE).
CREATE TABLE plan_prices (plan_id bigint NOT NULL, year int NOT NULL) PARTITION BY RANGE (year);
CREATE INDEX ON plan_prices (plan_id);
CREATE TABLE plan_prices_2025 PARTITION OF plan_prices FOR VALUES FROM (2025) TO (2026);
CREATE SEQUENCE plan_price_numbers OWNED BY plan_prices.plan_id;
CREATE VIEW cheap_plans AS SELECT plan_id FROM plan_prices WHERE year = 2025;
-- strata:down
DROP TABLE plan_prices CASCADE;
