-- strata:up
-- A bounded update, and a full update of a table created earlier in the section.
ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 5000;
CREATE TABLE plan_cache (user_id bigint PRIMARY KEY, plan text);
INSERT INTO plan_cache SELECT id, plan FROM users WHERE plan IS NOT NULL;
UPDATE plan_cache SET plan = lower(plan);
-- strata:down
DROP TABLE plan_cache;
ALTER TABLE users DROP COLUMN plan;
