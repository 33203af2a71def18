-- fixture: pg=9
-- strata:up
-- Identity columns only exist from PostgreSQL 10.
CREATE TABLE invoices (id bigserial PRIMARY KEY);
-- strata:down
DROP TABLE invoices;
