-- Cannot run in a transaction: Flyway runs this file outside one, and so does Strata.
CREATE INDEX CONCURRENTLY users_email ON users (email);
