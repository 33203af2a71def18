-- strata:up
ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;
-- strata:down
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
