-- strata:up
-- The down drops what the up adds; a new table's constraints are nobody's yet.
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
CREATE TABLE coupons (id bigint PRIMARY KEY, code text CONSTRAINT coupons_code_check CHECK (code <> ''));
ALTER TABLE coupons DROP CONSTRAINT coupons_code_check;
-- strata:down
ALTER TABLE orders DROP CONSTRAINT orders_total_check;
DROP TABLE coupons;
