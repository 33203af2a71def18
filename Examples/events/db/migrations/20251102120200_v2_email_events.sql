-- V2: ESP webhook events (delivered, open, click, bounce, spam, unsubscribe).
-- strata:up
CREATE TABLE email_events (
    id bigserial PRIMARY KEY,
    email_id bigint REFERENCES generated_emails (id) ON DELETE CASCADE,
    message_id text NOT NULL,
    event_type text NOT NULL CHECK (event_type IN ('delivered', 'open', 'click', 'bounce', 'spam', 'unsubscribe')),
    event_time timestamptz NOT NULL DEFAULT now(),
    meta jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX email_events_message_idx ON email_events (message_id);
CREATE INDEX email_events_email_time_idx ON email_events (email_id, event_time);

-- strata:down
DROP TABLE email_events;
