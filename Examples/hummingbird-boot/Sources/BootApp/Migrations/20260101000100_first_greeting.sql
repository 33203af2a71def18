-- A row inserted by a migration: with four replicas booting at once it must still appear once.
-- strata:up
INSERT INTO greetings (message) VALUES ('Hello from a migration applied on boot');

-- strata:down
DELETE FROM greetings WHERE message = 'Hello from a migration applied on boot';
