-- Strata runs this file in one transaction: VALIDATE scans while ADD CONSTRAINT's lock is still held.
-- strata:up
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
-- strata:down
ALTER TABLE orders DROP CONSTRAINT orders_total_positive;
