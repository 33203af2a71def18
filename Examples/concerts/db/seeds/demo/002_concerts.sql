-- Nova: one approved, one draft, one approved but hidden. Echo: one approved, one pending.
-- The public sees two concerts (c…01 and c…04); Nova sees her three and Echo's approved one.
INSERT INTO concerts (id, artist_id, title, city, event_date, status, is_hidden) VALUES
    ('c0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 'Nova live', 'Moscow', '2026-03-01', 'approved', false),
    ('c0000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000001', 'Nova unplugged', 'Kazan', '2026-04-01', 'draft', false),
    ('c0000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000001', 'Nova private show', 'Sochi', '2026-05-01', 'approved', true),
    ('c0000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000002', 'Echo tour', 'Saint Petersburg', '2026-03-15', 'approved', false),
    ('c0000000-0000-0000-0000-000000000005', '10000000-0000-0000-0000-000000000002', 'Echo rehearsal', 'Omsk', '2026-06-01', 'pending', false);
