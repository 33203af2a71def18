-- strata:up
ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check;
ALTER DOMAIN positive_amount RENAME CONSTRAINT a TO b;
ALTER DOMAIN positive_amount SET DEFAULT 1;
-- strata:down
SELECT 1;
