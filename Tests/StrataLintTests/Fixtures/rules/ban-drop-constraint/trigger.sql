-- strata:up
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_check;
-- strata:down
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status <> '') NOT VALID;
