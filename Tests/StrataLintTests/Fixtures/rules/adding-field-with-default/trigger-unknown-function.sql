-- strata:up
ALTER TABLE ONLY public.users
    ADD COLUMN IF NOT EXISTS referral_code text NOT NULL DEFAULT make_referral_code(8),
    ADD COLUMN score integer DEFAULT 0;
-- strata:down
ALTER TABLE public.users DROP COLUMN referral_code, DROP COLUMN score;
