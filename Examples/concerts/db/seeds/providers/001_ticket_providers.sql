-- Reference data every environment needs, production included.
-- strata:seed-tables ticket_providers
INSERT INTO ticket_providers (code, name, website) VALUES
    ('kassir', 'Kassir', 'https://kassir.example'),
    ('ticketland', 'Ticketland', 'https://ticketland.example'),
    ('radario', 'Radario', 'https://radario.example');
