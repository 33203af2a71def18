-- strata:up
-- A new table may have stored generated columns; a virtual one (PostgreSQL 18) rewrites nothing.
CREATE TABLE order_lines (id bigint PRIMARY KEY, quantity bigint, unit_cents bigint);
ALTER TABLE order_lines ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) STORED;
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) VIRTUAL;
ALTER TABLE orders ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY;
-- strata:down
ALTER TABLE orders DROP COLUMN id2, DROP COLUMN total_cents;
DROP TABLE order_lines;
