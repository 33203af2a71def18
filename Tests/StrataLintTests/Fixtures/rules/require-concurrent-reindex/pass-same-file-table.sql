-- strata:up
CREATE TABLE imports (id bigint PRIMARY KEY);
REINDEX TABLE imports;
-- strata:down
DROP TABLE imports;
