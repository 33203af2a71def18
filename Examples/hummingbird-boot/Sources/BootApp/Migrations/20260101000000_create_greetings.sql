-- The table the app reads at GET /greetings.
-- strata:up
CREATE TABLE greetings (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- strata:down
DROP TABLE greetings;

-- strata:verify
SELECT count(*) = 1 FROM information_schema.tables WHERE table_name = 'greetings';
