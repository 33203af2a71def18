-- strata:up
-- No limit: varchar without a length behaves like text.
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar NOT NULL, name text CHECK (char_length(name) <= 200));
-- strata:down
DROP TABLE customers;
