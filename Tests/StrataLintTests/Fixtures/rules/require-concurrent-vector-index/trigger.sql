-- strata:up
CREATE INDEX documents_embedding_idx ON documents USING hnsw (embedding vector_cosine_ops);
-- strata:down
DROP INDEX documents_embedding_idx;
