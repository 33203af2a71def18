-- strata:up
CREATE TABLE drafts (id bigint, titel text);
ALTER TABLE drafts RENAME COLUMN titel TO title;
ALTER TABLE users ADD COLUMN nick text;
ALTER TABLE users RENAME COLUMN nick TO nickname;
-- strata:down
ALTER TABLE users DROP COLUMN nickname;
DROP TABLE drafts;
