-- strata:up
CREATE TABLE metrics (at timestamptz NOT NULL, value float8) PARTITION BY RANGE (at);
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE metrics DETACH PARTITION metrics_2024;
-- strata:down
DROP TABLE metrics_2024;
DROP TABLE metrics;
