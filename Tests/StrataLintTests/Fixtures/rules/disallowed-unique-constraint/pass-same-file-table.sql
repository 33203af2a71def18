-- strata:up
CREATE TABLE handles (user_id bigint, handle text);
ALTER TABLE handles ADD CONSTRAINT handles_handle_key UNIQUE (handle);
-- strata:down
DROP TABLE handles;
