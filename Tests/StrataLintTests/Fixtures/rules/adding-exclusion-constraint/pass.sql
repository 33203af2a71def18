-- strata:up
-- On a table created in the same section, and a plain CHECK on an existing one.
CREATE TABLE rooms (id bigint PRIMARY KEY, during tstzrange NOT NULL);
ALTER TABLE rooms ADD CONSTRAINT rooms_no_overlap EXCLUDE USING gist (during WITH &&);
ALTER TABLE bookings ADD CONSTRAINT bookings_positive CHECK (guests > 0) NOT VALID;
-- strata:down
ALTER TABLE bookings DROP CONSTRAINT bookings_positive;
DROP TABLE rooms;
