-- strata:up
ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';
-- strata:down
ALTER TYPE order_status RENAME VALUE 'cancelled' TO 'canceled';
