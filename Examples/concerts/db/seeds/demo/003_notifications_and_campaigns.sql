INSERT INTO notifications (user_id, title) VALUES
    ('00000000-0000-0000-0000-00000000f001', 'Nova live: tickets on sale'),
    ('00000000-0000-0000-0000-00000000f001', 'Echo tour: new date'),
    ('00000000-0000-0000-0000-00000000a001', 'Your concert was approved'),
    ('00000000-0000-0000-0000-00000000a002', 'Your concert is pending review');

INSERT INTO email_campaigns (artist_id, subject, status) VALUES
    ('10000000-0000-0000-0000-000000000001', 'Nova live: early bird', 'sent'),
    ('10000000-0000-0000-0000-000000000001', 'Nova unplugged: save the date', 'draft'),
    ('10000000-0000-0000-0000-000000000002', 'Echo tour announcement', 'sent');
