-- A new column with REFERENCES creates a validated foreign key in the same statement.
-- strata:up
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
-- strata:down
ALTER TABLE orders DROP COLUMN coupon_id;
