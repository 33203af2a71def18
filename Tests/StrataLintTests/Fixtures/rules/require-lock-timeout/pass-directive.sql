-- strata:lock-timeout 5s
-- strata:up
ALTER TABLE users ADD COLUMN nickname text;
-- strata:down
ALTER TABLE users DROP COLUMN nickname;
