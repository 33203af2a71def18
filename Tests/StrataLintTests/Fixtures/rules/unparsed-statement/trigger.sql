-- strata:up
-- A Go template the migration tool renders before running: lint sees the template, not the SQL.
CREATE INDEX users_email_idx ON {{ .Schema }}.users (email);
ALTER TABLE {{ .Schema }}.users ADD COLUMN nickname text;
-- strata:down
ALTER TABLE {{ .Schema }}.users DROP COLUMN nickname;
DROP INDEX {{ .Schema }}.users_email_idx;
