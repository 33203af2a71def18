-- The down section drops a table the up section did not create.
-- strata:up
CREATE TABLE invoices (id bigint PRIMARY KEY);
-- strata:down
DROP TABLE IF EXISTS invoices, payments CASCADE;
