-- strata:up
CREATE TABLE order_notes (id bigint PRIMARY KEY, order_id bigint NOT NULL);
ALTER TABLE order_notes ADD CONSTRAINT order_notes_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE order_notes ADD COLUMN author_id bigint REFERENCES users (id);
-- strata:down
DROP TABLE order_notes;
