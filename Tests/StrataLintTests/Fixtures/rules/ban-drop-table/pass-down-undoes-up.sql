-- The down section drops only tables the up section creates (one of them renamed after creation).
-- strata:up
CREATE TABLE invoices (id bigint PRIMARY KEY);
CREATE TABLE receipts_tmp (id bigint);
ALTER TABLE receipts_tmp RENAME TO receipts;
-- strata:down
DROP TABLE receipts;
DROP TABLE invoices;
