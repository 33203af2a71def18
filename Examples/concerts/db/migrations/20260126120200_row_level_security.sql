-- Migration: row_level_security
-- Who may see and change what. Every policy here has tests in db/tests/ that prove it allows what it must and
-- denies what it must, as `authenticated` with JWT claims and as `anon`.
-- strata:up
GRANT SELECT ON artists, concerts, ticket_providers TO anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON artists, concerts, notifications, email_campaigns, ticket_sales TO authenticated;
GRANT SELECT ON ticket_providers TO authenticated;

ALTER TABLE artists ENABLE ROW LEVEL SECURITY;
ALTER TABLE concerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_sales ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Artist profiles are public" ON artists
    FOR SELECT TO anon, authenticated USING (true);

CREATE POLICY "An artist edits their own profile" ON artists
    FOR UPDATE TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

CREATE POLICY "An artist manages their own concerts" ON concerts
    FOR ALL TO authenticated
    USING (artist_id IN (SELECT id FROM artists WHERE user_id = auth.uid()))
    WITH CHECK (artist_id IN (SELECT id FROM artists WHERE user_id = auth.uid()));

CREATE POLICY "Public sees approved concerts only" ON concerts
    FOR SELECT TO anon, authenticated USING (status = 'approved' AND NOT is_hidden);

CREATE POLICY "A user sees only their own notifications" ON notifications
    FOR SELECT TO authenticated USING (user_id = auth.uid());

CREATE POLICY "A user marks their own notifications read" ON notifications
    FOR UPDATE TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

CREATE POLICY "A user deletes their own notifications" ON notifications
    FOR DELETE TO authenticated USING (user_id = auth.uid());

CREATE POLICY "An artist manages their own campaigns" ON email_campaigns
    FOR ALL TO authenticated
    USING (artist_id IN (SELECT id FROM artists WHERE user_id = auth.uid()))
    WITH CHECK (artist_id IN (SELECT id FROM artists WHERE user_id = auth.uid()));

CREATE POLICY "An artist sees only the sales of their concerts" ON ticket_sales
    FOR SELECT TO authenticated
    USING (concert_id IN (
        SELECT c.id FROM concerts c JOIN artists a ON a.id = c.artist_id WHERE a.user_id = auth.uid()));

-- strata:down
DROP POLICY "An artist sees only the sales of their concerts" ON ticket_sales;
DROP POLICY "An artist manages their own campaigns" ON email_campaigns;
DROP POLICY "A user deletes their own notifications" ON notifications;
DROP POLICY "A user marks their own notifications read" ON notifications;
DROP POLICY "A user sees only their own notifications" ON notifications;
DROP POLICY "Public sees approved concerts only" ON concerts;
DROP POLICY "An artist manages their own concerts" ON concerts;
DROP POLICY "An artist edits their own profile" ON artists;
DROP POLICY "Artist profiles are public" ON artists;
ALTER TABLE ticket_sales DISABLE ROW LEVEL SECURITY;
ALTER TABLE email_campaigns DISABLE ROW LEVEL SECURITY;
ALTER TABLE notifications DISABLE ROW LEVEL SECURITY;
ALTER TABLE concerts DISABLE ROW LEVEL SECURITY;
ALTER TABLE artists DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON artists, concerts, notifications, email_campaigns, ticket_sales, ticket_providers FROM anon, authenticated;
