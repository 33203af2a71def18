-- strata:up
ALTER SCHEMA billing RENAME TO invoicing;
-- strata:down
ALTER SCHEMA invoicing RENAME TO billing;
