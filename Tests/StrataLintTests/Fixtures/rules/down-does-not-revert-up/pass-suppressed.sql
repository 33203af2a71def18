-- strata:up
-- The audit table outlives this feature on purpose.
-- strata:nolint down-does-not-revert-up
CREATE TABLE plan_audit (id bigint PRIMARY KEY, payload jsonb NOT NULL);
CREATE TABLE plans (id bigint PRIMARY KEY);
-- strata:down
DROP TABLE plans;
