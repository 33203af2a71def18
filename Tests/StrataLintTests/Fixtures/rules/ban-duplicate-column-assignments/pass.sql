-- strata:up
-- Different columns; elements of one array; a SET in a foreign key and in ALTER TABLE.
UPDATE accounts AS a SET status = 'active', balance = a.balance + 1 WHERE id = 1;
UPDATE matrices SET cells[1] = 0, cells[2] = 0 WHERE id = 1;
ALTER TABLE accounts ALTER COLUMN status SET DEFAULT 'active', ALTER COLUMN status SET NOT NULL;
CREATE TABLE ledger (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts ON UPDATE SET NULL ON DELETE SET NULL);
-- strata:down
DROP TABLE ledger;
