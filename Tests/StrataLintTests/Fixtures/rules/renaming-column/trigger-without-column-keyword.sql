-- strata:up
ALTER TABLE users RENAME email TO email_address;
-- strata:down
SELECT 1;
