-- A column added later, and a second row that uses it.
-- strata:up
ALTER TABLE greetings ADD COLUMN language text NOT NULL DEFAULT 'en';
INSERT INTO greetings (message, language) VALUES ('Bonjour depuis une migration', 'fr');

-- strata:down
DELETE FROM greetings WHERE message = 'Bonjour depuis une migration';
ALTER TABLE greetings DROP COLUMN language;
