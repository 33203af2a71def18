-- Policy on email_campaigns: an artist manages their own campaigns; others do not see them.

-- strata:test an artist sees and edits their own campaigns
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a001","role":"authenticated"}
-- strata:expect value 2
SELECT count(*) FROM email_campaigns;
-- strata:expect rows 1
UPDATE email_campaigns SET status = 'scheduled' WHERE subject = 'Nova unplugged: save the date';

-- strata:test another artist does not see foreign campaigns
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a002","role":"authenticated"}
-- strata:expect value Echo tour announcement
SELECT string_agg(subject, ', ') FROM email_campaigns;
-- strata:expect rows 0
DELETE FROM email_campaigns WHERE artist_id = '10000000-0000-0000-0000-000000000001';
