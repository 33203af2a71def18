-- strata:up
-- CREATE OR REPLACE restored by the down section; an extension or schema that may predate the migration.
CREATE OR REPLACE FUNCTION plan_price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 2 $$;
CREATE EXTENSION IF NOT EXISTS vector;
CREATE SCHEMA IF NOT EXISTS shared;
-- strata:down
CREATE OR REPLACE FUNCTION plan_price(plan_id bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$;
