-- strata:up
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) STORED;
-- strata:down
ALTER TABLE orders DROP COLUMN total_cents;
