-- DEFAULT NULL is no default at all.
-- strata:up
ALTER TABLE users ADD COLUMN tenant_id bigint DEFAULT NULL NOT NULL;
-- strata:down
ALTER TABLE users DROP COLUMN tenant_id;
