-- strata:up
CREATE TABLE webhooks (id bigint PRIMARY KEY, payload json NOT NULL);
ALTER TABLE webhooks ADD COLUMN headers JSON;
-- strata:down
DROP TABLE webhooks;
