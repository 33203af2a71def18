-- UNIQUE cannot be NOT VALID (disallowed-unique-constraint covers it).
-- strata:up
ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_idx;
-- strata:down
ALTER TABLE orders DROP CONSTRAINT orders_number_key;
