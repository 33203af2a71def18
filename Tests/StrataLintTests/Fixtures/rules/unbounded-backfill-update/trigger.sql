-- strata:up
ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free';
-- strata:down
ALTER TABLE users DROP COLUMN plan;
