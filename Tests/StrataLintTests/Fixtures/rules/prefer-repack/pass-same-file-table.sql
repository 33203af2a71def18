-- strata:up
CREATE TABLE staging_rows (id bigint PRIMARY KEY, at timestamptz);
CLUSTER staging_rows USING staging_rows_pkey;
-- strata:down
DROP TABLE staging_rows;
