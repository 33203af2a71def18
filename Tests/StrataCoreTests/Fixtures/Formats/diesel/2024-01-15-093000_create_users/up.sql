CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
SELECT diesel_manage_updated_at('users');
