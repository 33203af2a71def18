-- strata:up
CREATE TABLE drafts (id bigint PRIMARY KEY, title text);
CREATE INDEX drafts_title_idx ON drafts (title);
DROP INDEX drafts_title_idx;
-- strata:down
DROP TABLE drafts;
