-- strata:up
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';
ALTER TYPE order_status ADD VALUE 'draft' BEFORE 'pending';
ALTER TYPE order_status RENAME TO order_state;
-- strata:down
ALTER TYPE order_state RENAME TO order_status;
