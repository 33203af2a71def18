-- strata:up
DROP TABLE legacy_sessions;
-- strata:down
CREATE TABLE legacy_sessions (id bigint PRIMARY KEY);
