-- BEGIN inside a function body is not a transaction.
-- strata:up
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
-- strata:down
DROP FUNCTION touch();
