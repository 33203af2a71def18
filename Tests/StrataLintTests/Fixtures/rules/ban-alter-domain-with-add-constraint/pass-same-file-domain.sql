-- strata:up
CREATE DOMAIN percentage AS numeric;
ALTER DOMAIN percentage ADD CONSTRAINT percentage_range CHECK (VALUE BETWEEN 0 AND 100);
-- strata:down
DROP DOMAIN percentage;
