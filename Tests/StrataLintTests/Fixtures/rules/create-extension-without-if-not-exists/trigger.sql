-- strata:up
CREATE EXTENSION vector;
CREATE EXTENSION pg_trgm WITH SCHEMA public;
-- strata:down
DROP EXTENSION IF EXISTS pg_trgm;
DROP EXTENSION IF EXISTS vector;
