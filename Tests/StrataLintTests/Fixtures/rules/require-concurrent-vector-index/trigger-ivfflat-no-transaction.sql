-- strata:no-transaction
-- strata:up
CREATE INDEX IF NOT EXISTS chunks_embedding_idx ON public.chunks USING ivfflat (embedding vector_l2_ops) WITH (lists = 100);
-- strata:down
DROP INDEX CONCURRENTLY IF EXISTS chunks_embedding_idx;
