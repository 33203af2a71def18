-- strata:up
ALTER VIEW order_totals RENAME TO order_totals_v1;
ALTER FUNCTION price(bigint) RENAME TO plan_price;
ALTER INDEX IF EXISTS orders_status_idx RENAME TO orders_state_idx;
ALTER TYPE order_state RENAME TO order_status;
-- strata:down
ALTER TYPE order_status RENAME TO order_state;
ALTER INDEX IF EXISTS orders_state_idx RENAME TO orders_status_idx;
ALTER FUNCTION plan_price(bigint) RENAME TO price;
ALTER VIEW order_totals_v1 RENAME TO order_totals;
