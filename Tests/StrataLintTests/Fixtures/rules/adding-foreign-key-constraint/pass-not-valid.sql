-- strata:up
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- strata:down
ALTER TABLE orders DROP CONSTRAINT orders_user_fk;
