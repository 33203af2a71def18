-- strata:no-transaction
-- strata:up
DROP DATABASE IF EXISTS analytics;
-- strata:down
CREATE DATABASE analytics;
