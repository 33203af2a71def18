-- The CHECK is NOT VALID and never validated, so it proves nothing.
-- strata:up
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER email SET NOT NULL;
-- strata:down
ALTER TABLE users ALTER email DROP NOT NULL;
