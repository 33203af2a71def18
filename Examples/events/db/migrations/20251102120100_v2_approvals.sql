-- V2: approval flow draft -> pending approval -> approved -> sent.
-- strata:up
CREATE TABLE approvals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email_id bigint NOT NULL REFERENCES generated_emails (id) ON DELETE CASCADE,
    token text NOT NULL UNIQUE,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    actor text,
    reason text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX approvals_email_idx ON approvals (email_id);

-- strata:down
DROP TABLE approvals;
