-- strata:no-transaction
-- strata:up
CREATE INDEX CONCURRENTLY orders_lookup_idx ON orders (customer_id, status, created_at, region);
-- strata:down
DROP INDEX CONCURRENTLY orders_lookup_idx;
