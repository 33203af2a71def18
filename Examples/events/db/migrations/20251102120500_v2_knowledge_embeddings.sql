-- V2, optional: vector search over the knowledge store (RAG). Needs pgvector; where the server does not have it,
-- Strata records this migration as skipped and the application falls back to sending the whole program.
-- A later `strata migrate`, once pgvector is installed, applies it.
-- strata:require extension=vector else=skip
-- strata:up
ALTER TABLE knowledge_store ADD COLUMN embedding vector(1536);
CREATE INDEX knowledge_store_embedding_idx ON knowledge_store USING hnsw (embedding vector_cosine_ops);

-- strata:down
DROP INDEX knowledge_store_embedding_idx;
ALTER TABLE knowledge_store DROP COLUMN embedding;
