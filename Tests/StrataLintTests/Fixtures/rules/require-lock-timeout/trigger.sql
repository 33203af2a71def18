-- strata:up
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD COLUMN bio text;
-- strata:down
ALTER TABLE users DROP COLUMN nickname, DROP COLUMN bio;
