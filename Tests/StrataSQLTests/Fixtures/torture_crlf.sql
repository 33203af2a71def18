-- CRLF line endings throughout
CREATE TABLE t (
    a text DEFAULT 'line one
line two; still the string'
);

CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$
    SELECT 1;
$fn$;
  INSERT INTO t VALUES ('x'); SELECT 'ж' AS "ё"
