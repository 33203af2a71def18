-- Migration: initial_schema
-- The tables that replace the KV store's `concert:`, `notification:`, `campaign:` and `ticket_sale:` keys.
-- strata:up
CREATE TABLE artists (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL UNIQUE,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE concerts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    artist_id uuid NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    title text NOT NULL,
    city text NOT NULL,
    event_date date NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'approved')),
    is_hidden boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_concerts_artist_id ON concerts (artist_id);
CREATE INDEX idx_concerts_event_date ON concerts (event_date DESC);

CREATE TABLE notifications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    title text NOT NULL,
    is_read boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_notifications_user_id ON notifications (user_id);

CREATE TABLE email_campaigns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    artist_id uuid NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    subject text NOT NULL,
    status text NOT NULL DEFAULT 'draft',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_email_campaigns_artist_id ON email_campaigns (artist_id);

CREATE TABLE ticket_sales (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    concert_id uuid NOT NULL REFERENCES concerts (id) ON DELETE CASCADE,
    provider text NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    total_amount numeric(12, 2) NOT NULL,
    sold_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_ticket_sales_concert_id ON ticket_sales (concert_id);

CREATE TABLE ticket_providers (
    code text PRIMARY KEY,
    name text NOT NULL,
    website text NOT NULL
);

-- strata:down
DROP TABLE ticket_providers;
DROP TABLE ticket_sales;
DROP TABLE email_campaigns;
DROP TABLE notifications;
DROP TABLE concerts;
DROP TABLE artists;
