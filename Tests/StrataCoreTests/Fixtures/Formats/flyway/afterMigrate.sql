-- Runs after a migrate that applied something.
CREATE TABLE IF NOT EXISTS migrate_log (at timestamptz NOT NULL DEFAULT now());
INSERT INTO migrate_log DEFAULT VALUES;
