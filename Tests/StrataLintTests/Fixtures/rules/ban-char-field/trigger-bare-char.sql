-- strata:up
CREATE TABLE flags (id bigint PRIMARY KEY, kind CHAR NOT NULL, legacy bpchar);
-- strata:down
DROP TABLE flags;
