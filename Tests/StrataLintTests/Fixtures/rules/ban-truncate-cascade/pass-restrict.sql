-- strata:up
TRUNCATE sessions, tokens RESTRICT;
CREATE TABLE scratch (id bigint);
TRUNCATE scratch CASCADE;
-- strata:down
DROP TABLE scratch;
