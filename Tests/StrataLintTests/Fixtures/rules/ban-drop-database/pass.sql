-- strata:up
DROP SCHEMA IF EXISTS analytics_staging CASCADE;
-- strata:down
CREATE SCHEMA analytics_staging;
