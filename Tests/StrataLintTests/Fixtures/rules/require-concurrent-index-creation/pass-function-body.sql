-- SQL inside a function body or a string is not a statement of the migration.
-- strata:up
CREATE FUNCTION rebuild_search() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE INDEX search_idx ON documents (title);
END;
$$;
COMMENT ON TABLE users IS 'CREATE INDEX users_email_idx ON users (email)';
-- strata:down
DROP FUNCTION rebuild_search();
