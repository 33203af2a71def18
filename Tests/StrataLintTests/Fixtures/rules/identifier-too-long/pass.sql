-- strata:up
-- Exactly 63 bytes; a long string literal; a long name only referenced (it was truncated when it was created, and
-- references are truncated the same way).
CREATE INDEX CONCURRENTLY subscriptions_customer_id_plan_id_started_at_cancelled_at_idx_a
    ON subscriptions (customer_id, plan_id);
COMMENT ON INDEX subscriptions_customer_id_plan_id_started_at_cancelled_at_idx_a IS 'Speeds up the billing dashboard, which lists subscriptions per customer and plan';
DROP INDEX CONCURRENTLY IF EXISTS subscriptions_customer_id_plan_id_started_at_cancelled_at_status_idx_old;
-- strata:down
DROP INDEX CONCURRENTLY subscriptions_customer_id_plan_id_started_at_cancelled_at_idx_a;
