-- strata:up
-- The down drops the default the up sets; a column added here is nobody's yet.
ALTER TABLE orders ALTER COLUMN currency SET DEFAULT 'EUR';
ALTER TABLE orders ADD COLUMN channel text DEFAULT 'web';
ALTER TABLE orders ALTER COLUMN channel DROP DEFAULT;
-- strata:down
ALTER TABLE orders ALTER COLUMN currency DROP DEFAULT;
ALTER TABLE orders DROP COLUMN channel;
