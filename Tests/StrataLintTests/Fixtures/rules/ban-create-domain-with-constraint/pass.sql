-- strata:up
CREATE DOMAIN email AS text DEFAULT '' NULL;
CREATE DOMAIN flag AS boolean DEFAULT (1 IS NOT NULL);
-- strata:down
DROP DOMAIN email;
DROP DOMAIN flag;
