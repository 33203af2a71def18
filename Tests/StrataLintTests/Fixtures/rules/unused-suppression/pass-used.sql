-- fixture: rules=require-concurrent-index-creation
-- strata:up
CREATE TABLE drafts (id bigint PRIMARY KEY);

-- users has 200 rows in every environment.
-- strata:nolint require-concurrent-index-creation
CREATE INDEX users_email_idx ON users (email);
-- strata:down
DROP TABLE drafts;
