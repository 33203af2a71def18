-- strata:up
CREATE EXTENSION IF NOT EXISTS vector;
COMMENT ON EXTENSION vector IS 'embeddings';
-- strata:down
DROP EXTENSION vector;
