-- migrate:up
-- nothing to do yet

-- migrate:down
