-- The app while the split runs (pgbench -f load.sql): one script run = 12 single-statement transactions on the
-- OLD names (public.*), which are tables before cut-over and views over the new tables after it. Ids come from
-- the column defaults (nextval). Every row an INSERT creates is also written to load_ledger in the same statement,
-- so run.sh can prove that each acknowledged insert is still there at the end. Deletes only touch rows of the
-- demo data (ids below the ranges inserted here) that nothing references.
\set cid random(1, 20000)
\set rid random(1, 40000)
\set oid random(1, 30000)
\set victim random(1, 10000)
UPDATE clients SET phone = '+7901' || lpad((:cid * 7919 % 10000000)::text, 7, '0'), updated_at = now() WHERE id = :cid;
WITH c AS (INSERT INTO clients (tenant_id, name, phone) VALUES (1 + :cid % 50, 'load client', '+7902' || :cid) RETURNING id)
INSERT INTO load_ledger (tbl, id) SELECT 'clients', id FROM c;
INSERT INTO contacts (client_id, kind, value) VALUES (:cid, 'telegram', '@load' || :cid);
WITH r AS (INSERT INTO requests (client_id, source, device) VALUES (:cid, 'load', 'iPhone 15') RETURNING id)
INSERT INTO load_ledger (tbl, id) SELECT 'requests', id FROM r;
UPDATE requests SET status = 'repair', updated_at = now() WHERE id = :rid;
WITH c AS (INSERT INTO comments (request_id, body) VALUES (:rid, 'load comment') RETURNING id)
INSERT INTO load_ledger (tbl, id) SELECT 'comments', id FROM c;
INSERT INTO tags (request_id, tag) VALUES (:rid, 'load');
UPDATE orders SET status = 'paid', total = total + 1, updated_at = now() WHERE id = :oid;
WITH i AS (INSERT INTO order_items (order_id, title, price) VALUES (:oid, 'load item', 99.90) RETURNING id)
INSERT INTO load_ledger (tbl, id) SELECT 'order_items', id FROM i;
WITH p AS (INSERT INTO payments (order_id, amount) VALUES (:oid, 1.00) RETURNING id)
INSERT INTO load_ledger (tbl, id) SELECT 'payments', id FROM p;
DELETE FROM comments WHERE id = :victim;
DELETE FROM tags WHERE id = :victim;
