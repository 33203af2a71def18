-- strata:no-transaction
-- strata:up
SET maintenance_work_mem = '2GB';
CREATE INDEX CONCURRENTLY documents_embedding_idx ON documents USING hnsw (embedding vector_cosine_ops);
-- strata:down
DROP INDEX CONCURRENTLY documents_embedding_idx;
