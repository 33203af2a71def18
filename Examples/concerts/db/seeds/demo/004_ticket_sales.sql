-- Nova's "Nova live" sold 2 + 3 tickets; Echo's tour sold 4.
INSERT INTO ticket_sales (concert_id, provider, quantity, total_amount) VALUES
    ('c0000000-0000-0000-0000-000000000001', 'kassir', 2, 5000.00),
    ('c0000000-0000-0000-0000-000000000001', 'ticketland', 3, 7500.00),
    ('c0000000-0000-0000-0000-000000000004', 'radario', 4, 8000.00);
