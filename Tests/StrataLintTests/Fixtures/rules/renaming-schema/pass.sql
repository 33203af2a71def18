-- strata:up
-- A schema created in the same section, and changing a schema's owner.
CREATE SCHEMA IF NOT EXISTS staging;
ALTER SCHEMA staging RENAME TO imports;
ALTER SCHEMA billing OWNER TO billing_admin;
-- strata:down
DROP SCHEMA imports;
