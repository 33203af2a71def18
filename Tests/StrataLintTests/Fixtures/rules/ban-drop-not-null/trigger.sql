-- strata:up
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
-- strata:down
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
