-- migrate:up
ALTER TABLE users ADD COLUMN email text;
-- migrate:down
ALTER TABLE users DROP COLUMN email;
