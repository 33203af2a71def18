-- strata:up
CREATE FUNCTION one() RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT 1;
END;
-- strata:down
DROP FUNCTION one();
