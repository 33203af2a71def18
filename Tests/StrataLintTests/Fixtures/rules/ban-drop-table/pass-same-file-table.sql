-- strata:up
CREATE TEMP TABLE import_batch (id bigint);
DROP TABLE import_batch;
DROP INDEX CONCURRENTLY IF EXISTS legacy_idx;
-- strata:down
SELECT 1;
