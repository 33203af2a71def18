-- strata:up
-- Dropping a column drops every index that uses it; dropping a materialized view drops its indexes.
ALTER TABLE users ADD COLUMN nickname text;
CREATE INDEX users_nickname_idx ON users (nickname);
CREATE INDEX users_lower_nickname_idx ON users (lower(nickname)) WHERE nickname IS NOT NULL;
CREATE MATERIALIZED VIEW user_names AS SELECT id, nickname FROM users;
CREATE INDEX user_names_nickname_idx ON user_names (nickname);
-- strata:down
DROP MATERIALIZED VIEW user_names;
ALTER TABLE users DROP COLUMN nickname;
