import PostgresNIO
import StrataCore

/// The history changes behind `strata baseline` and `strata repair`, each logged in `<schema>.events`.
extension HistoryTable {
    /// Sets the recorded checksum (and name) of `version` to the file's, logging old and new checksums.
    func realignChecksum(
        version: String, name: String, from old: String, to new: String, in session: DatabaseSession
    ) async throws(StrataError) {
        let detail = "checksum \(old) -> \(new)"
        let query: PostgresQuery = """
            WITH changed AS (
                UPDATE \(unescaped: historyName) SET checksum = \(new), name = \(name) WHERE version = \(version) RETURNING version
            )
            INSERT INTO \(unescaped: eventsName) (action, version, name, outcome, detail)
            SELECT 'repair', version, \(name), 'checksum-realigned', \(detail) FROM changed
            """
        try await session.run(query)
    }

    /// Marks a failed or partial row as applied (the user finished the file by hand), or records a pending file as
    /// applied (its changes are in the database already, e.g. the migration `diff --write` wrote from them).
    func markApplied(version: String, name: String, checksum: String, in session: DatabaseSession) async throws(StrataError) {
        let query: PostgresQuery = """
            WITH changed AS (
                INSERT INTO \(unescaped: historyName) AS h (version, name, checksum, state, duration_ms, statements_run)
                VALUES (\(version), \(name), \(checksum), 'applied', 0, 0)
                ON CONFLICT (version) DO UPDATE SET state = 'applied', checksum = EXCLUDED.checksum, applied_at = now(),
                    applied_by = current_user
                WHERE h.state IN ('failed', 'partial') RETURNING version
            )
            INSERT INTO \(unescaped: eventsName) (action, version, name, outcome, detail)
            SELECT 'repair', version, \(name), 'marked-applied', 'finished by hand' FROM changed
            RETURNING version
            """
        guard try await session.run(query).count == 1 else {
            throw StrataError(.usage, "version \(version) is not failed, partial or pending", hint: "see strata status")
        }
    }

    /// Deletes a row that is not in effect (failed, partial, skipped) or whose file is gone, so the file runs again
    /// from its first statement (or the version is forgotten).
    func forget(version: String, name: String, in session: DatabaseSession) async throws(StrataError) {
        let query: PostgresQuery = """
            WITH removed AS (DELETE FROM \(unescaped: historyName) WHERE version = \(version) RETURNING version, state)
            INSERT INTO \(unescaped: eventsName) (action, version, name, outcome, detail)
            SELECT 'repair', version, \(name), 'forgotten', 'was ' || state FROM removed
            RETURNING version
            """
        guard try await session.run(query).count == 1 else {
            throw StrataError(.usage, "history has no row for version \(version)", hint: "see strata status")
        }
    }
}
