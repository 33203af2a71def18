-- The down section drops only the column the up section adds.
-- strata:up
ALTER TABLE users ADD COLUMN nickname text;
-- strata:down
ALTER TABLE users DROP COLUMN nickname;
