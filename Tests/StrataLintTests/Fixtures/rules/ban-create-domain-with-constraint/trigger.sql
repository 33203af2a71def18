-- strata:up
CREATE DOMAIN positive_amount AS numeric(12, 2) CHECK (VALUE > 0);
-- strata:down
DROP DOMAIN positive_amount;
