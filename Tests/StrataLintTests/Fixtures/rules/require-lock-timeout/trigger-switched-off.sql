-- strata:up
SET lock_timeout = '5s';
SET lock_timeout = 0;
CREATE INDEX users_email_idx ON users (email);
-- strata:down
SELECT 1;
