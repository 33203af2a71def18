-- strata:up
-- bigint, an int array, and int only inside a CHECK expression or cast.
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id int8 NOT NULL,
    slots int[] NOT NULL DEFAULT '{}',
    quantity bigint CHECK (quantity::int > 0)
);
-- strata:down
DROP TABLE orders;
