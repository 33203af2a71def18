-- strata:up
-- A view created earlier in the section, and the down undoing the up.
CREATE VIEW staging_totals AS SELECT 1 AS one;
DROP VIEW staging_totals;
CREATE MATERIALIZED VIEW daily_sales AS SELECT 1 AS one;
-- strata:down
DROP MATERIALIZED VIEW daily_sales;
