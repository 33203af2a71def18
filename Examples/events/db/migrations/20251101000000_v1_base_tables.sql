-- V1 of the event-mailing system: events, their mailing lists, speakers, knowledge and generated emails.
-- strata:up
CREATE TABLE events (
    id bigserial PRIMARY KEY,
    title text NOT NULL,
    starts_at timestamptz,
    logo_url text,
    cta_url text,
    use_v2_pipeline boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_mailing_lists (
    id bigserial PRIMARY KEY,
    event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_speakers (
    id bigserial PRIMARY KEY,
    event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    full_name text NOT NULL,
    talk_title text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE knowledge_store (
    id bigserial PRIMARY KEY,
    event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    chunk text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE generated_emails (
    id bigserial PRIMARY KEY,
    event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    event_list_id bigint REFERENCES event_mailing_lists (id) ON DELETE SET NULL,
    subject text NOT NULL,
    body_html text,
    status text NOT NULL DEFAULT 'draft',
    sent_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX generated_emails_event_idx ON generated_emails (event_id);

-- strata:down
DROP TABLE generated_emails;
DROP TABLE knowledge_store;
DROP TABLE event_speakers;
DROP TABLE event_mailing_lists;
DROP TABLE events;
