-- strata:up
ALTER TABLE payments ALTER amount SET DATA TYPE numeric(12, 2) USING amount::numeric;
-- strata:down
SELECT 1;
