-- Policy on ticket_sales: an artist sees only the sales of their own concerts.

-- strata:test an artist sees the sales of their concerts
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a001","role":"authenticated"}
-- strata:expect rows 2
SELECT id FROM ticket_sales;
-- strata:expect value 12500.00
SELECT sum(total_amount) FROM ticket_sales;

-- strata:test an artist does not see the sales of other artists
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000a002","role":"authenticated"}
-- strata:expect value 4
SELECT coalesce(sum(quantity), 0) FROM ticket_sales;
-- strata:expect rows 0
SELECT id FROM ticket_sales WHERE concert_id = 'c0000000-0000-0000-0000-000000000001';

-- strata:test a signed-in fan and the public see no sales
-- strata:as authenticated
-- strata:claims {"sub":"00000000-0000-0000-0000-00000000f001","role":"authenticated"}
-- strata:expect rows 0
SELECT id FROM ticket_sales;
-- strata:as anon
-- strata:expect error 42501
SELECT id FROM ticket_sales;
