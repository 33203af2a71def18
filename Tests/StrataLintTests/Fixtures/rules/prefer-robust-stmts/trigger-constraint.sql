-- strata:no-transaction
-- strata:up
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_positive;
-- strata:down
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
