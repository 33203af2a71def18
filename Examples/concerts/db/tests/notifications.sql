-- Policies on notifications: a user sees, marks read and deletes only their own.

-- strata:test a user sees only their own notifications
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000f001","role":"authenticated"}
-- strata:expect value 2
SELECT count(*) FROM notifications;
-- strata:expect rows 0
SELECT id FROM notifications WHERE user_id <> '00000000-0000-0000-0000-00000000f001';

-- strata:test a user marks their own notifications read and deletes them
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000f001","role":"authenticated"}
-- strata:expect rows 2
UPDATE notifications SET is_read = true;
-- strata:expect rows 2
DELETE FROM notifications;

-- strata:test a user cannot touch another user's notifications
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000f001","role":"authenticated"}
-- strata:expect rows 0
UPDATE notifications SET is_read = true WHERE user_id = '00000000-0000-0000-0000-00000000a001';
-- strata:expect rows 0
DELETE FROM notifications WHERE user_id = '00000000-0000-0000-0000-00000000a002';
-- strata:expect error 42501
UPDATE notifications SET user_id = '00000000-0000-0000-0000-00000000a001'
WHERE user_id = '00000000-0000-0000-0000-00000000f001';

-- strata:test the public cannot read notifications
-- strata:as anon
-- strata:expect error 42501
SELECT count(*) FROM notifications;
