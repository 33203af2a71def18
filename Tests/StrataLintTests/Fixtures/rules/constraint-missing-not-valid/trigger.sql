-- strata:up
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);
-- strata:down
ALTER TABLE orders DROP CONSTRAINT orders_total_positive;
