-- +goose Up
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, updated_at timestamptz);

-- +goose Down
DROP TABLE users;
