-- strata:up
-- A type created in the same section is not used yet; adding a value or renaming the type is not this rule's concern.
CREATE TYPE shipment_status AS ENUM ('pending', 'canceled');
ALTER TYPE shipment_status RENAME VALUE 'canceled' TO 'cancelled';
ALTER TYPE order_status ADD VALUE 'cancelled' AFTER 'canceled';
-- strata:down
DROP TYPE shipment_status;
