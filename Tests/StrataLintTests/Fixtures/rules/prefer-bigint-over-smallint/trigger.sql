-- strata:up
CREATE TABLE levels (id smallserial PRIMARY KEY, rank smallint NOT NULL);
ALTER TABLE levels ADD COLUMN weight int2;
-- strata:down
DROP TABLE levels;
