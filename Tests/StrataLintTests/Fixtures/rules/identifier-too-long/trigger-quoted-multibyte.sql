-- strata:up
-- 32 characters, but 64 bytes in UTF-8.
ALTER TABLE produits ADD COLUMN "éééééééééééééééééééééééééééééééé" text;
-- strata:down
ALTER TABLE produits DROP COLUMN "éééééééééééééééééééééééééééééééé";
