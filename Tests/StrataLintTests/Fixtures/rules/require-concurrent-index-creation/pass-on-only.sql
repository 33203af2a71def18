-- ON ONLY creates the partitioned parent's index without building anything.
-- strata:up
CREATE INDEX measurements_logdate_idx ON ONLY measurements (logdate);
-- strata:down
DROP INDEX measurements_logdate_idx;
