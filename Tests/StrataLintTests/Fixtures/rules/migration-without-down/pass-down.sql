-- strata:up
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
-- strata:down
DROP TABLE plans;
