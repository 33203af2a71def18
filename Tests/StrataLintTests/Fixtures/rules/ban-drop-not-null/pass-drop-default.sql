-- strata:up
ALTER TABLE users ALTER COLUMN email DROP DEFAULT;
CREATE TABLE staging (id bigint NOT NULL);
ALTER TABLE staging ALTER COLUMN id DROP NOT NULL;
-- strata:down
DROP TABLE staging;
