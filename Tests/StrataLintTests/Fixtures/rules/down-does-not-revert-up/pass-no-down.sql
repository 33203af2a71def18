-- strata:up
-- No down section at all is migration-without-down's concern.
CREATE TABLE plans (id bigint PRIMARY KEY);
