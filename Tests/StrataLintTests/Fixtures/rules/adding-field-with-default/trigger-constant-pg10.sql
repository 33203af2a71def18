-- fixture: pg=10
-- strata:up
ALTER TABLE users ADD active boolean NOT NULL DEFAULT true;
-- strata:down
ALTER TABLE users DROP COLUMN active;
