-- strata:up
CREATE TABLE levels (id bigint PRIMARY KEY, rank integer NOT NULL, weights smallint[]);
-- strata:down
DROP TABLE levels;
