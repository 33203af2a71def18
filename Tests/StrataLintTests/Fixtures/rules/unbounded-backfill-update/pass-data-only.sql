-- strata:up
-- A data-only migration: no schema change to hold a lock for.
UPDATE users SET plan = 'free';
-- strata:down
UPDATE users SET plan = NULL;
