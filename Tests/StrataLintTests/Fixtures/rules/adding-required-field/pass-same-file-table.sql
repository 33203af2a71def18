-- strata:up
CREATE TABLE teams (id bigint PRIMARY KEY);
ALTER TABLE teams ADD COLUMN name text NOT NULL;
-- strata:down
DROP TABLE teams;
