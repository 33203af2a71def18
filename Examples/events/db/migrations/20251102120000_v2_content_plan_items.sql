-- V2: one source of truth for the content plan (a row of the planning sheet per email).
-- strata:lock-timeout 5s
-- strata:up
CREATE TABLE content_plan_items (
    id bigserial PRIMARY KEY,
    event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    sheet_id text NOT NULL,
    row_idx integer NOT NULL,
    title text NOT NULL,
    content_type text NOT NULL,
    planned_send_at timestamptz,
    hash_input text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT content_plan_items_sheet_row_key UNIQUE (event_id, sheet_id, row_idx)
);

-- strata:down
DROP TABLE content_plan_items;

-- strata:verify
SELECT count(*) = 1 FROM information_schema.tables WHERE table_name = 'content_plan_items';
