-- strata:up
CREATE TABLE users_new (LIKE users INCLUDING ALL);
ALTER TABLE users_new RENAME TO users_next;
-- strata:down
DROP TABLE users_next;
