-- strata:up
ALTER TABLE users ADD COLUMN handle text UNIQUE;
-- strata:down
ALTER TABLE users DROP COLUMN handle;
