-- strata:up
-- The referenced table is new and the new column holds only NULL: nothing to check, nobody blocked on coupons.
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
-- strata:down
ALTER TABLE orders DROP COLUMN coupon_id;
DROP TABLE coupons;
