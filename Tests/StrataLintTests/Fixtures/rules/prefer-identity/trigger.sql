-- strata:up
CREATE TABLE invoices (id bigserial PRIMARY KEY, number serial4 NOT NULL);
ALTER TABLE invoices ADD COLUMN line_no smallserial;
-- strata:down
DROP TABLE invoices;
