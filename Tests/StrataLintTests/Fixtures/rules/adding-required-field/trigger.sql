-- strata:up
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
-- strata:down
ALTER TABLE users DROP COLUMN tenant_id;
