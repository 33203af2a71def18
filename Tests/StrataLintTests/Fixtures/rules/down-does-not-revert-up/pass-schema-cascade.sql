-- strata:up
CREATE SCHEMA reporting;
CREATE TABLE reporting.daily (day date PRIMARY KEY);
CREATE VIEW reporting.weekly AS SELECT date_trunc('week', day) AS week FROM reporting.daily;
-- strata:down
DROP SCHEMA reporting CASCADE;
