CREATE TABLE plans (id bigint PRIMARY KEY);
