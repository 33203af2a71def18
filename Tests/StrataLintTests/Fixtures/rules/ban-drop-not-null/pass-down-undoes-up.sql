-- strata:up
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL);
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- strata:down
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
