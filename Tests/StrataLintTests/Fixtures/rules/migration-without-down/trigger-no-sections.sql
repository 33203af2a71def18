CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
