-- strata:up
CREATE TABLE plans (id bigint PRIMARY KEY);
-- strata:down
-- Irreversible on purpose: the table is shared with the billing service.
