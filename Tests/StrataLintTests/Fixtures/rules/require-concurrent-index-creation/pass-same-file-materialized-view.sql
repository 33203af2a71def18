-- strata:up
-- A materialized view created earlier in the file is new: nobody reads or refreshes it yet.
CREATE MATERIALIZED VIEW monthly_sales AS SELECT date_trunc('month', sold_at) AS month, sum(amount) AS total FROM sales GROUP BY 1;
CREATE UNIQUE INDEX monthly_sales_month_idx ON monthly_sales (month);
-- strata:down
DROP MATERIALIZED VIEW monthly_sales;
