-- The monolith as it is today: everything in `public`, shaped around the repair vertical (seed 004: 65 tables,
-- reduced here to the 8 that carry the split). Foreign keys between them are plain (NO ACTION): a client with
-- requests cannot be deleted.
-- strata:up
CREATE TABLE clients (
    id bigserial PRIMARY KEY,
    tenant_id integer NOT NULL,
    name text NOT NULL,
    phone text,
    email text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contacts (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients (id),
    kind text NOT NULL CHECK (kind IN ('phone', 'email', 'whatsapp', 'telegram')),
    value text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_client_idx ON contacts (client_id);

-- "appeals" in the seed: a customer's request that a repair shop answers.
CREATE TABLE requests (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients (id),
    status text NOT NULL DEFAULT 'new',
    source text NOT NULL DEFAULT 'web',
    device text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX requests_client_idx ON requests (client_id);

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients (id),
    request_id bigint REFERENCES requests (id),
    status text NOT NULL DEFAULT 'open',
    total numeric(12, 2) NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_client_idx ON orders (client_id);
CREATE INDEX orders_request_idx ON orders (request_id);

CREATE TABLE order_items (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    title text NOT NULL,
    qty integer NOT NULL DEFAULT 1 CHECK (qty > 0),
    price numeric(12, 2) NOT NULL
);
CREATE INDEX order_items_order_idx ON order_items (order_id);

CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    amount numeric(12, 2) NOT NULL,
    method text NOT NULL DEFAULT 'card',
    paid_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_order_idx ON payments (order_id);

CREATE TABLE comments (
    id bigserial PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id),
    author text NOT NULL DEFAULT 'operator',
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_request_idx ON comments (request_id);

CREATE TABLE tags (
    id bigserial PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id),
    tag text NOT NULL
);
CREATE INDEX tags_request_idx ON tags (request_id);

-- strata:down
DROP TABLE tags;
DROP TABLE comments;
DROP TABLE payments;
DROP TABLE order_items;
DROP TABLE orders;
DROP TABLE requests;
DROP TABLE contacts;
DROP TABLE clients;
