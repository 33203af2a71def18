-- strata:up
-- Renamed after creation, dropped again in the up section, temporary, or turned into a constraint.
CREATE TABLE plan_tmp (id bigint);
ALTER TABLE plan_tmp RENAME TO plan_notes;
CREATE TABLE staging (id bigint);
DROP TABLE staging;
CREATE TEMP TABLE scratch (id bigint);
CREATE UNIQUE INDEX plans_code_key ON plans (code);
ALTER TABLE plans ADD CONSTRAINT plans_code_unique UNIQUE USING INDEX plans_code_key;
-- strata:down
ALTER TABLE plans DROP CONSTRAINT plans_code_unique;
DROP TABLE IF EXISTS plan_notes;
