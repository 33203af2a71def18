-- strata:up
ALTER TABLE users RENAME TO accounts;
-- strata:down
ALTER TABLE accounts RENAME TO users;
