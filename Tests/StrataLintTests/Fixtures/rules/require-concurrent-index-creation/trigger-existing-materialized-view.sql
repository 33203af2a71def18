-- strata:up
-- A materialized view of an earlier migration: the build blocks its REFRESH.
CREATE INDEX monthly_sales_total_idx ON monthly_sales (total);
-- strata:down
DROP INDEX monthly_sales_total_idx;
