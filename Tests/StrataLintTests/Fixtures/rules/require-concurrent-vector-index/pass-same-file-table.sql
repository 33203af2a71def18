-- strata:up
-- A new, empty table: building the index now is instant; a non-vector index is the general rule's concern.
CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(1536));
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);
CREATE INDEX documents_title_idx ON documents USING gin (to_tsvector('simple', title));
-- strata:down
DROP INDEX documents_title_idx;
DROP TABLE chunks;
