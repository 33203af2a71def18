-- strata:up
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
-- strata:down
SELECT 1;
