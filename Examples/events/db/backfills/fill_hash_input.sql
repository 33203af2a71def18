-- Fills generated_emails.hash_input for the rows written before V2. Run by the migration
-- 20251102120600_v2_backfill_hash_input.sql, or alone: strata backfill fill_hash_input
-- Rows inserted after the backfill starts are the application's to fill.
-- strata:batch-time 200ms
-- strata:lock-timeout 2s
UPDATE generated_emails SET hash_input = md5(subject || coalesce(body_html, ''))
WHERE hash_input IS NULL;
