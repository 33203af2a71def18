-- Torture file for the StrataSQL splitter: every statement below is counted by the tests.
-- A comment with a semicolon; a 'quote, a "quote and a $$ dollar quote that mean nothing here.
/* A block comment; with /* a nested comment; */ still a comment ' " $$ */
CREATE TABLE "weird;name" (
    id int PRIMARY KEY,
    "quo""ted" text DEFAULT 'it''s; -- not a comment',
    note text DEFAULT E'escaped \' quote; and $$ not a dollar quote \\',
    price numeric DEFAULT 3.14
);
INSERT INTO "weird;name" (id, "quo""ted") VALUES (1, 'Привет; мир'), (2, U&'d\0061t\+000061');
SELECT 'a;b' AS x; SELECT $1::int, a$b, '{"k":1}'::jsonb ->> 'k' FROM t;;
CREATE OR REPLACE FUNCTION add_one(x int) RETURNS int
LANGUAGE plpgsql AS $body$
DECLARE
    s text := $inner$ it's; $$ fine $body $inner$;
BEGIN
    -- a comment inside the body; still the body
    RETURN x + 1;
END;
$body$;
DO $$ BEGIN RAISE NOTICE 'semi;colon $x$'; END $$;
CREATE FUNCTION grade(score int) RETURNS text
LANGUAGE SQL
BEGIN ATOMIC
    SELECT CASE WHEN score >= 90 THEN 'A' WHEN score >= 80 THEN 'B' ELSE 'C' END;
    SELECT CASE score WHEN 1 THEN (CASE WHEN true THEN 'x' END) ELSE 'y' END;
END;
CREATE RULE log_insert AS ON INSERT TO t DO ALSO (
    INSERT INTO log VALUES (1);
    NOTIFY t_changed
);
BEGIN;
    /* between statements; */ SELECT 'a' -- trailing comment; not a split
    || 'b';
COMMIT;
SELECT x'1F', B'1010', N'national', e'\\n', 1.5e3, .5, 0x1F, 1_000, a.b;
CREATE TABLE заказы (номер int); COMMENT ON TABLE заказы IS 'Таблица; заказов';
-- the last statement has no semicolon
SELECT 'end' AS "последний"
-- and a comment after it
