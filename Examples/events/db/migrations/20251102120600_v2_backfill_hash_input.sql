-- V2: the lookup index for hash_input, then hash_input filled for the rows written before V2 by the backfill
-- db/backfills/fill_hash_input.sql, in key-range batches so generated_emails is never locked for long
-- (expand: 20251102120300_v2_new_columns.sql; contract, later: make it NOT NULL).
-- strata:no-transaction
-- strata:backfill fill_hash_input
-- strata:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS generated_emails_hash_input_idx ON generated_emails (hash_input);
-- strata:down
DROP INDEX CONCURRENTLY IF EXISTS generated_emails_hash_input_idx;
