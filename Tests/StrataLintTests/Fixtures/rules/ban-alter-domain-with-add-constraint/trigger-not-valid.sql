-- NOT VALID defers the scan, but ALTER DOMAIN ... VALIDATE CONSTRAINT takes the same locks.
-- strata:up
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0) NOT VALID;
-- strata:down
ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check;
