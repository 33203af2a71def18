-- strata:up
CREATE TABLE events (
    id bigint PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamp(3) with time zone,
    day date,
    at_local time
);
-- strata:down
DROP TABLE events;
