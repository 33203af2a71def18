-- The key-value store the app used before PostgreSQL tables (seed 002): keys 'prefix:id', camelCase JSON values.
-- Only for the import walk-through ('strata seed legacy_kv --env import'), never in dev or test.
-- strata:env import
CREATE TABLE IF NOT EXISTS kv_store_84730125 (key text PRIMARY KEY, value jsonb NOT NULL);
INSERT INTO kv_store_84730125 (key, value) VALUES
    ('artist:10000000-0000-0000-0000-000000000001', '{"userId": "00000000-0000-0000-0000-00000000a001", "name": "Nova"}'),
    ('artist:10000000-0000-0000-0000-000000000002', '{"userId": "00000000-0000-0000-0000-00000000a002", "name": "Echo"}'),
    ('concert:c0000000-0000-0000-0000-000000000001', '{"artistId": "10000000-0000-0000-0000-000000000001", "title": "Nova live", "city": "Moscow", "eventDate": "2026-03-01", "status": "approved", "isHidden": false}'),
    ('concert:c0000000-0000-0000-0000-000000000002', '{"artistId": "10000000-0000-0000-0000-000000000001", "title": "Nova unplugged", "city": "Kazan", "eventDate": "2026-04-01", "status": "draft", "isHidden": false}'),
    ('concert:c0000000-0000-0000-0000-000000000003', '{"artistId": "10000000-0000-0000-0000-000000000001", "title": "Nova private show", "city": "Sochi", "eventDate": "2026-05-01", "status": "approved", "isHidden": true}'),
    ('concert:c0000000-0000-0000-0000-000000000004', '{"artistId": "10000000-0000-0000-0000-000000000002", "title": "Echo tour", "city": "Saint Petersburg", "eventDate": "2026-03-15", "status": "approved", "isHidden": false}'),
    ('concert:c0000000-0000-0000-0000-000000000005', '{"artistId": "10000000-0000-0000-0000-000000000002", "title": "Echo rehearsal", "city": "Omsk", "eventDate": "2026-06-01", "status": "pending", "isHidden": false}'),
    ('session:abc', '{"note": "not imported: another prefix"}')
ON CONFLICT (key) DO NOTHING;
