-- PostgreSQL 13 has no DETACH PARTITION CONCURRENTLY.
-- fixture: pg=13
-- strata:up
ALTER TABLE measurements DETACH PARTITION measurements_2020;
-- strata:down
ALTER TABLE measurements ATTACH PARTITION measurements_2020 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
