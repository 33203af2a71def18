-- strata:up
CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer NOT NULL);
ALTER TABLE orders ADD COLUMN quantity int4 NOT NULL DEFAULT 1;
-- strata:down
DROP TABLE orders;
