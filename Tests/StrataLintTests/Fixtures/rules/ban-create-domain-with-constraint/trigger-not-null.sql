-- strata:up
CREATE DOMAIN email AS text COLLATE "C" DEFAULT '' CONSTRAINT email_required NOT NULL;
-- strata:down
DROP DOMAIN email;
