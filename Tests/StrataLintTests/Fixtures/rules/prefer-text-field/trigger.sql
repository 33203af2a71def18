-- strata:up
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(255) NOT NULL);
ALTER TABLE customers ADD COLUMN nickname character varying(40);
-- strata:down
DROP TABLE customers;
