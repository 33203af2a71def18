-- The repair vertical's tables, empty until `strata sync start split`: orders (lead_id, vertical_id), items,
-- payments.
-- strata:up
CREATE TABLE vertical_repair.orders (LIKE public.orders INCLUDING ALL, vertical_id text NOT NULL DEFAULT 'repair');
ALTER TABLE vertical_repair.orders RENAME COLUMN client_id TO lead_id;

CREATE TABLE vertical_repair.order_items (LIKE public.order_items INCLUDING ALL);
CREATE TABLE vertical_repair.payments (LIKE public.payments INCLUDING ALL);

-- strata:down
DROP TABLE vertical_repair.payments;
DROP TABLE vertical_repair.order_items;
DROP TABLE vertical_repair.orders;
