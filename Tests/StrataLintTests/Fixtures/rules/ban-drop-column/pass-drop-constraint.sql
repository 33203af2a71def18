-- strata:up
ALTER TABLE users DROP CONSTRAINT users_legacy_check;
CREATE TABLE tmp_import (a int, b int);
ALTER TABLE tmp_import DROP COLUMN b;
-- strata:down
DROP TABLE tmp_import;
