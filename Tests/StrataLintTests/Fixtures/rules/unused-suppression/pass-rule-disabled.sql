-- Suppressions of rules that do not run are not reported.
-- strata:up
-- strata:nolint require-lock-timeout
ALTER TABLE users ADD COLUMN nickname text;
-- strata:down
ALTER TABLE users DROP COLUMN nickname;
