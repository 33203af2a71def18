-- strata:up
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
-- strata:verify
SELECT 1 FROM plans LIMIT 1;
