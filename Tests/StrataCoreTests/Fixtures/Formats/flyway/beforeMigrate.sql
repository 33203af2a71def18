-- Runs before a migrate that applies something.
SET search_path TO public;
