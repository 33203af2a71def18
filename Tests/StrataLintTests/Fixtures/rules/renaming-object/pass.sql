-- strata:up
-- An object created earlier in the section; tables, columns, schemas and enum values have their own rules.
CREATE VIEW staging_totals AS SELECT 1 AS one;
ALTER VIEW staging_totals RENAME TO totals;
ALTER TABLE orders RENAME TO purchases;
ALTER TYPE order_state RENAME VALUE 'void' TO 'cancelled';
-- strata:down
ALTER TYPE order_state RENAME VALUE 'cancelled' TO 'void';
ALTER TABLE purchases RENAME TO orders;
DROP VIEW totals;
