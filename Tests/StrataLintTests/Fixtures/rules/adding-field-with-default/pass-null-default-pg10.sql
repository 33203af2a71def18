-- fixture: pg=10
-- strata:up
ALTER TABLE users ADD COLUMN nickname text DEFAULT NULL;
ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'anonymous';
-- strata:down
ALTER TABLE users DROP COLUMN nickname;
