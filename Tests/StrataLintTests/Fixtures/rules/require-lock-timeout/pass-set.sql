-- strata:up
SET lock_timeout TO '5s';
ALTER TABLE users ADD COLUMN nickname text;
-- strata:down
SET lock_timeout TO '5s';
ALTER TABLE users DROP COLUMN nickname;
