-- A pgTAP script (https://pgtap.org): `strata test db/pgtap` runs it in a rolled-back transaction when the server
-- has the pgtap extension (Debian: postgresql-15-pgtap). Its `not ok` lines fail the test.
SELECT plan(6);
SELECT has_table('public', 'concerts', 'concerts exists');
SELECT has_function('auth', 'uid', 'auth.uid() exists');
SELECT policies_are('public', 'concerts',
    ARRAY['An artist manages their own concerts', 'Public sees approved concerts only'],
    'concerts has exactly its two policies');
SELECT set_config('request.jwt.claim.sub', '00000000-0000-0000-0000-00000000a001', true);
SET LOCAL ROLE authenticated;
SELECT results_eq('SELECT count(*) FROM concerts', ARRAY[4::bigint], 'Nova sees four concerts');
SET LOCAL ROLE anon;
SELECT is((SELECT count(*) FROM concerts), 2::bigint, 'the public sees two concerts');
SELECT throws_ok('SELECT * FROM notifications', '42501', NULL, 'the public cannot read notifications');
SELECT * FROM finish();
