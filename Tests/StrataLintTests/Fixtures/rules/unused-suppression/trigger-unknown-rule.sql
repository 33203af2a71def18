-- fixture: rules=require-concurrent-index-creation
-- strata:up
CREATE TABLE drafts (id bigint PRIMARY KEY);

-- strata:nolint require-concurent-index-creation
CREATE INDEX users_email_idx ON users (email);
-- strata:down
DROP TABLE drafts;
