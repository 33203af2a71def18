-- strata:up
UPDATE accounts SET status = 'active', balance = 0, status = 'closed' WHERE id = 1;
-- strata:down
UPDATE accounts SET status = 'active' WHERE id = 1;
