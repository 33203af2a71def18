-- strata:up
CREATE TABLE content_plan_items (id bigint PRIMARY KEY, plan_id bigint NOT NULL);
CREATE INDEX content_plan_items_plan_id_idx ON content_plan_items (plan_id);
-- strata:down
DROP TABLE content_plan_items;
