-- The horizontal (vertical-independent) tables, empty: `strata sync` (db/syncs/split.toml) fills them while the
-- app keeps writing to public. LIKE … INCLUDING ALL copies columns, defaults (the same id sequences), CHECKs,
-- the primary key and indexes, not foreign keys; none are added between the new tables (see README).
-- strata:up
-- clients → leads (renamed), with the vertical each lead came from.
CREATE TABLE horizontal.leads (LIKE public.clients INCLUDING ALL, vertical_id text NOT NULL);
COMMENT ON TABLE horizontal.leads IS 'End customers of tenants (renamed from clients)';

CREATE TABLE horizontal.contacts (LIKE public.contacts INCLUDING ALL);
ALTER TABLE horizontal.contacts RENAME COLUMN client_id TO lead_id;

-- requests ("appeals"): lead_id, and the vertical the request belongs to.
CREATE TABLE horizontal.requests (LIKE public.requests INCLUDING ALL, vertical_id text NOT NULL);
ALTER TABLE horizontal.requests RENAME COLUMN client_id TO lead_id;
CREATE INDEX requests_vertical_idx ON horizontal.requests (vertical_id, status);

CREATE TABLE horizontal.comments (LIKE public.comments INCLUDING ALL);
CREATE TABLE horizontal.tags (LIKE public.tags INCLUDING ALL);

-- strata:down
DROP TABLE horizontal.tags;
DROP TABLE horizontal.comments;
DROP TABLE horizontal.requests;
DROP TABLE horizontal.contacts;
DROP TABLE horizontal.leads;
