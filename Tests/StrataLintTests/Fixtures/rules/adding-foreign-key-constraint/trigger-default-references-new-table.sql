-- strata:up
-- A default fills every existing row, so each one is checked against the new table.
CREATE TABLE regions (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN region_id bigint DEFAULT 1 REFERENCES regions (id);
-- strata:down
ALTER TABLE orders DROP COLUMN region_id;
DROP TABLE regions;
