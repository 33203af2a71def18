BEGIN;
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE teams (id bigint PRIMARY KEY);
COMMIT;
