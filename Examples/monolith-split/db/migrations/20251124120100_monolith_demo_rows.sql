-- Demo data for the monolith: 210,000 rows over the 8 tables, with generate_series. Ids come from the sequences
-- (no explicit id), so the app's later inserts continue after them.
-- strata:up
INSERT INTO clients (tenant_id, name, phone, email, created_at)
SELECT 1 + g % 50, 'client ' || g, '+7900' || lpad(g::text, 7, '0'), 'client' || g || '@example.com',
       timestamptz '2025-01-01' + g * interval '10 minutes'
FROM generate_series(1, 20000) g;

INSERT INTO contacts (client_id, kind, value)
SELECT 1 + g % 20000, (ARRAY['phone', 'email', 'whatsapp', 'telegram'])[1 + g % 4], 'contact ' || g
FROM generate_series(1, 30000) g;

INSERT INTO requests (client_id, status, source, device, created_at)
SELECT 1 + g % 20000, (ARRAY['new', 'diagnostics', 'repair', 'done'])[1 + g % 4],
       (ARRAY['web', 'whatsapp', 'telegram', 'phone'])[1 + g % 4], (ARRAY['iPhone 12', 'Galaxy S21', 'Pixel 7', NULL])[1 + g % 4],
       timestamptz '2025-01-01' + g * interval '5 minutes'
FROM generate_series(1, 40000) g;

INSERT INTO orders (client_id, request_id, status, total)
SELECT r.client_id, r.id, (ARRAY['open', 'paid', 'closed'])[1 + r.id % 3], 0
FROM requests r WHERE r.id <= 30000 ORDER BY r.id;

INSERT INTO order_items (order_id, title, qty, price)
SELECT 1 + g % 30000, (ARRAY['battery', 'screen', 'labour', 'case'])[1 + g % 4], 1 + g % 3, (500 + g % 4500)::numeric
FROM generate_series(1, 40000) g;

UPDATE orders o SET total = i.sum FROM (SELECT order_id, sum(qty * price) AS sum FROM order_items GROUP BY order_id) i
WHERE i.order_id = o.id;

INSERT INTO payments (order_id, amount, method)
SELECT 1 + g % 30000, (100 + g % 900)::numeric, (ARRAY['card', 'cash', 'transfer'])[1 + g % 3]
FROM generate_series(1, 20000) g;

INSERT INTO comments (request_id, author, body)
SELECT 1 + g % 40000, (ARRAY['operator', 'master', 'client'])[1 + g % 3], 'comment ' || g
FROM generate_series(1, 20000) g;

INSERT INTO tags (request_id, tag)
SELECT 1 + g % 40000, (ARRAY['urgent', 'warranty', 'vip', 'callback'])[1 + g % 4]
FROM generate_series(1, 10000) g;

ANALYZE clients, contacts, requests, orders, order_items, payments, comments, tags;

-- strata:down
TRUNCATE tags, comments, payments, order_items, orders, requests, contacts, clients RESTART IDENTITY;
