-- strata:up
DROP VIEW order_totals;
DROP MATERIALIZED VIEW IF EXISTS monthly_sales;
-- strata:down
CREATE VIEW order_totals AS SELECT order_id, sum(amount) AS total FROM order_lines GROUP BY order_id;
