-- Validated in a later migration.
-- strata:up
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
-- strata:down
ALTER TABLE orders DROP CONSTRAINT orders_total_positive;
