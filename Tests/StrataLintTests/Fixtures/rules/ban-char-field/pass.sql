-- strata:up
-- varchar, character varying and the internal one-byte "char" are other types.
CREATE TABLE countries (
    code text PRIMARY KEY CHECK (char_length(code) = 2),
    name character varying NOT NULL,
    short_name char varying(20),
    status "char" NOT NULL DEFAULT 'a'
);
-- strata:down
DROP TABLE countries;
