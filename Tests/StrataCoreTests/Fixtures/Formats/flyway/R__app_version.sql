-- Repeatable: applied after the versioned migrations, again whenever this file changes.
CREATE OR REPLACE FUNCTION app_version() RETURNS text LANGUAGE sql AS $$ SELECT '${app_version}' $$;
