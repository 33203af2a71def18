-- strata:up
ALTER TABLE users ALTER COLUMN age TYPE bigint;
-- strata:down
ALTER TABLE users ALTER COLUMN age TYPE integer;
