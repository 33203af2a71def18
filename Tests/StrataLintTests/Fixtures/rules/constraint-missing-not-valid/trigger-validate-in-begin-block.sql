-- strata:no-transaction
-- strata:up
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
COMMIT;
-- strata:down
ALTER TABLE orders DROP CONSTRAINT orders_user_fk;
