-- fixture: pg=11
-- strata:up
ALTER TABLE users
    ADD COLUMN active boolean NOT NULL DEFAULT true,
    ADD COLUMN created_at timestamptz DEFAULT now(),
    ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN code varchar(10) DEFAULT CAST('none' AS varchar(10)),
    ADD COLUMN tags text[] DEFAULT ARRAY['new', 'trial'];
-- strata:down
ALTER TABLE users DROP COLUMN active, DROP COLUMN created_at, DROP COLUMN settings, DROP COLUMN code, DROP COLUMN tags;
