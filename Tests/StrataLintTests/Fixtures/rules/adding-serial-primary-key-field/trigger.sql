-- strata:up
ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;
-- strata:down
ALTER TABLE events DROP COLUMN id;
