-- strata:up
CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamp NOT NULL DEFAULT now());
ALTER TABLE events ADD COLUMN processed_at timestamp(3) without time zone;
-- strata:down
DROP TABLE events;
