-- Demo data for development and tests only: it never reaches production.
-- strata:env dev,test
-- strata:seed-tables artists, concerts, notifications, email_campaigns, ticket_sales
--
-- Users (the JWT "sub" of each person):
--   00000000-0000-0000-0000-00000000a001  Nova, an artist
--   00000000-0000-0000-0000-00000000a002  Echo, an artist
--   00000000-0000-0000-0000-00000000f001  a fan
INSERT INTO artists (id, user_id, name) VALUES
    ('10000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000a001', 'Nova'),
    ('10000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-00000000a002', 'Echo');
