-- strata:no-transaction
-- strata:up
-- Three keys plus INCLUDE columns; a unique index over four columns; commas inside expressions.
CREATE INDEX CONCURRENTLY orders_lookup_idx ON orders (customer_id, status, coalesce(region, 'eu')) INCLUDE (total, created_at);
CREATE UNIQUE INDEX CONCURRENTLY orders_natural_key ON orders (customer_id, region, number, year);
-- strata:down
DROP INDEX CONCURRENTLY orders_natural_key;
DROP INDEX CONCURRENTLY orders_lookup_idx;
