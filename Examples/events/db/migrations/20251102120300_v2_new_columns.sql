-- V2: branding per mailing list, approval and tracking columns on emails, embedding settings on knowledge,
-- and the unique key that makes email generation idempotent.
-- strata:up
ALTER TABLE event_mailing_lists
    ADD COLUMN accent_color varchar(9) DEFAULT '#BB35E0',
    ADD COLUMN footer_text text,
    ADD COLUMN logo_url_override text;

ALTER TABLE generated_emails
    ADD COLUMN content_plan_item_id bigint REFERENCES content_plan_items (id) ON DELETE SET NULL,
    ADD COLUMN unisender_message_id text,
    ADD COLUMN scheduled_at timestamptz,
    ADD COLUMN approved_by text,
    ADD COLUMN approved_at timestamptz,
    ADD COLUMN meta jsonb,
    ADD COLUMN hash_input text;

ALTER TABLE knowledge_store
    ADD COLUMN embedding_model text DEFAULT 'text-embedding-3-small',
    ADD COLUMN embedding_dim integer DEFAULT 1536;

-- Regenerating an email for the same plan item is a no-op, not a duplicate.
ALTER TABLE generated_emails
    ADD CONSTRAINT uniq_generated_per_plan UNIQUE (event_list_id, content_plan_item_id);

CREATE INDEX generated_emails_plan_item_idx ON generated_emails (content_plan_item_id);

-- strata:down
DROP INDEX generated_emails_plan_item_idx;
ALTER TABLE generated_emails DROP CONSTRAINT uniq_generated_per_plan;
ALTER TABLE knowledge_store
    DROP COLUMN embedding_model,
    DROP COLUMN embedding_dim;
ALTER TABLE generated_emails
    DROP COLUMN content_plan_item_id,
    DROP COLUMN unisender_message_id,
    DROP COLUMN scheduled_at,
    DROP COLUMN approved_by,
    DROP COLUMN approved_at,
    DROP COLUMN meta,
    DROP COLUMN hash_input;
ALTER TABLE event_mailing_lists
    DROP COLUMN accent_color,
    DROP COLUMN footer_text,
    DROP COLUMN logo_url_override;

-- strata:verify
SELECT count(*) = 1 FROM pg_constraint WHERE conname = 'uniq_generated_per_plan';
