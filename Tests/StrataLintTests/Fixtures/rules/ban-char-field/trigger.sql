-- strata:up
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
ALTER TABLE users ADD COLUMN country_code character(2);
-- strata:down
ALTER TABLE users DROP COLUMN country_code;
DROP TABLE countries;
