-- Policies on concerts: "An artist manages their own concerts" and "Public sees approved concerts only".
-- Every test runs in a transaction that is rolled back: the seeded data is the same for each.

-- strata:test an artist sees their own concerts, drafts included, and public ones
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a001","role":"authenticated"}
-- strata:expect value 4
SELECT count(*) FROM concerts;
-- strata:expect rows 1
SELECT id FROM concerts WHERE status = 'draft';

-- strata:test an artist updates and adds their own concerts
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a001","role":"authenticated"}
-- strata:expect rows 1
UPDATE concerts SET title = 'Nova unplugged (sold out)' WHERE id = 'c0000000-0000-0000-0000-000000000002';
-- strata:expect rows 1
INSERT INTO concerts (artist_id, title, city, event_date)
VALUES ('10000000-0000-0000-0000-000000000001', 'Nova encore', 'Perm', '2026-07-01');

-- strata:test an artist cannot change or add another artist's concerts
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a001","role":"authenticated"}
-- strata:expect rows 0
UPDATE concerts SET title = 'hijacked' WHERE artist_id = '10000000-0000-0000-0000-000000000002';
-- strata:expect rows 0
DELETE FROM concerts WHERE artist_id = '10000000-0000-0000-0000-000000000002';
-- strata:expect error 42501
INSERT INTO concerts (artist_id, title, city, event_date)
VALUES ('10000000-0000-0000-0000-000000000002', 'Fake Echo show', 'Perm', '2026-07-01');

-- strata:test another artist does not see Nova's drafts or hidden shows
-- Echo sees her two concerts and Nova's one public concert.
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a002","role":"authenticated"}
-- strata:expect rows 0
SELECT id FROM concerts WHERE artist_id = '10000000-0000-0000-0000-000000000001' AND (status <> 'approved' OR is_hidden);
-- strata:expect value 3
SELECT count(*) FROM concerts;

-- strata:test the public sees approved concerts only
-- strata:as anon
-- strata:expect value 2
SELECT count(*) FROM concerts;
-- strata:expect rows 0
SELECT id FROM concerts WHERE status <> 'approved' OR is_hidden;

-- strata:test the public cannot write concerts
-- strata:as anon
-- strata:expect error 42501
INSERT INTO concerts (artist_id, title, city, event_date)
VALUES ('10000000-0000-0000-0000-000000000001', 'Anonymous show', 'Perm', '2026-07-01');
-- strata:expect error 42501
UPDATE concerts SET status = 'approved';
