CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), body text);
