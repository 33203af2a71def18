-- strata:up
-- Braces and dollars inside strings, dollar quotes and comments are SQL; so is $1 in a prepared statement body.
CREATE TABLE settings (id bigint PRIMARY KEY, value jsonb NOT NULL DEFAULT '{}');
CREATE INDEX settings_value_idx ON settings USING gin (value);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; /* { } */
CREATE TABLE settings_copy AS SELECT * FROM settings;
ALTER TABLE settings ADD COLUMN note text;
ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE fast;
-- strata:down
DROP TABLE settings_copy;
DROP FUNCTION touch();
DROP TABLE settings;
