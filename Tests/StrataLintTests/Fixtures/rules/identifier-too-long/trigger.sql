-- strata:up
CREATE INDEX CONCURRENTLY subscriptions_customer_id_plan_id_started_at_cancelled_at_status_idx
    ON subscriptions (customer_id, plan_id);
-- strata:down
DROP INDEX CONCURRENTLY subscriptions_customer_id_plan_id_started_at_cancelled_at_status_idx;
