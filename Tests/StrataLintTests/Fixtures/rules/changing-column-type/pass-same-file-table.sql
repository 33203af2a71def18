-- strata:up
CREATE TABLE scores (value integer);
ALTER TABLE scores ALTER COLUMN value TYPE bigint;
-- strata:down
DROP TABLE scores;
