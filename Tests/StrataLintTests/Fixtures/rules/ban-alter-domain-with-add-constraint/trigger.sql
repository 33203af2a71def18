-- strata:up
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0);
-- strata:down
ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check;
