-- Flyway versioned migration with a placeholder.
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
COMMENT ON TABLE users IS 'owned by ${app_name}';
