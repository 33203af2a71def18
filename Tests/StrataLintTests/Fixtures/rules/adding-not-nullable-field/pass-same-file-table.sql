-- strata:up
CREATE TABLE invites (id bigint PRIMARY KEY, email text);
ALTER TABLE invites ALTER COLUMN email SET NOT NULL;
-- strata:down
DROP TABLE invites;
