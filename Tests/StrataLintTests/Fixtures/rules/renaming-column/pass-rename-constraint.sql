-- strata:up
ALTER TABLE users RENAME CONSTRAINT users_email_check TO users_email_format;
ALTER TABLE users RENAME TO accounts;
-- strata:down
ALTER TABLE accounts RENAME TO users;
