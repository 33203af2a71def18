-- strata:up
-- jsonb columns, and json only in an expression.
CREATE TABLE webhooks (id bigint PRIMARY KEY, payload jsonb NOT NULL, raw text CHECK (raw::json IS NOT NULL));
-- strata:down
DROP TABLE webhooks;
