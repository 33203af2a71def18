-- Phase 1 of the split (seed 004): the two new schemas.
-- strata:up
CREATE SCHEMA horizontal;
CREATE SCHEMA vertical_repair;
COMMENT ON SCHEMA horizontal IS 'Universal platform core: leads, requests, contacts, comments, tags';
COMMENT ON SCHEMA vertical_repair IS 'Repair vertical: orders, their items and payments';

-- strata:down
DROP SCHEMA vertical_repair;
DROP SCHEMA horizontal;
