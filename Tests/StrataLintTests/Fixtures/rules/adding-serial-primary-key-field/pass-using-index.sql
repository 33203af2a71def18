-- strata:up
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_idx;
ALTER TABLE events ADD COLUMN legacy_id bigserial;
-- strata:down
ALTER TABLE events DROP CONSTRAINT events_pkey;
