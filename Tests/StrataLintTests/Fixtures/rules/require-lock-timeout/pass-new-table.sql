-- strata:up
CREATE TABLE drafts (id bigint PRIMARY KEY);
ALTER TABLE drafts ADD COLUMN title text;
CREATE INDEX drafts_title_idx ON drafts (title);
-- strata:down
SET lock_timeout = '5s';
DROP TABLE drafts;
