-- strata:up
INSERT INTO settings (key, value, updated_at) VALUES ('mode', 'on', now())
ON CONFLICT (key) DO UPDATE SET value = excluded.value, (updated_at, value) = (now(), 'on');
-- strata:down
DELETE FROM settings WHERE key = 'mode';
