-- strata:up
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';
-- strata:down
-- Enum values cannot be dropped.
