-- strata:up
CREATE TABLE audit_log (payload jsonb);
ALTER TABLE audit_log ADD COLUMN id bigserial PRIMARY KEY;
-- strata:down
DROP TABLE audit_log;
