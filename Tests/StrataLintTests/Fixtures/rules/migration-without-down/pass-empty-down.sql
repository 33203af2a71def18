-- strata:up
DELETE FROM plans WHERE retired;
-- strata:down
-- Irreversible: the deleted plans are gone.
