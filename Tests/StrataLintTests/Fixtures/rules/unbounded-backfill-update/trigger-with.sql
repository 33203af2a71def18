-- strata:up
ALTER TABLE users ADD COLUMN plan_id bigint;
WITH free AS (SELECT id FROM plans WHERE name = 'free')
UPDATE users SET plan_id = free.id FROM free;
-- strata:down
ALTER TABLE users DROP COLUMN plan_id;
