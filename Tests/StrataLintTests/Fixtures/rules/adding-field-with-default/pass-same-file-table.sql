-- strata:up
CREATE TABLE sessions (user_id bigint NOT NULL);
ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
-- strata:down
DROP TABLE sessions;
