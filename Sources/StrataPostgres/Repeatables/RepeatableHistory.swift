import PostgresNIO
import StrataCore

/// The rows of repeatable migrations in `<schema>.schema_history`: kind `repeatable`, keyed `R__<name>`.
struct RepeatableHistory: Sendable {
    let history: HistoryTable

    /// Checksum of the last applied text of each repeatable migration, by key; empty before the first migrate.
    func checksums(in session: DatabaseSession) async throws(StrataError) -> [String: String] {
        guard try await history.exists(in: session) else { return [:] }
        let rows = try await session.run(PostgresQuery(
            unsafeSQL: "SELECT version, checksum FROM \(history.historyName) WHERE kind = 'repeatable'"))
        var result: [String: String] = [:]
        for row in rows {
            guard let (key, checksum) = try? row.decode((String, String).self) else {
                throw StrataError(.internal, "cannot decode a repeatable migration's history row")
            }
            result[key] = checksum
        }
        return result
    }

    /// Records (or updates) a repeatable migration's row and logs the event, in one statement.
    func record(
        _ repeatable: RepeatableMigration, durationMilliseconds: Int, statementsRun: Int, in session: DatabaseSession
    ) async throws(StrataError) {
        let key = repeatable.historyKey
        let name = repeatable.name
        let checksum = repeatable.checksum
        let duration = Int32(clamping: durationMilliseconds)
        let count = Int32(clamping: statementsRun)
        let query: PostgresQuery = """
            WITH recorded AS (
                INSERT INTO \(unescaped: history.historyName) (version, name, kind, checksum, state, duration_ms, statements_run)
                VALUES (\(key), \(name), 'repeatable', \(checksum), 'applied', \(duration), \(count))
                ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum,
                    state = 'applied', applied_at = now(), applied_by = current_user,
                    duration_ms = EXCLUDED.duration_ms, statements_run = EXCLUDED.statements_run
                RETURNING version
            )
            INSERT INTO \(unescaped: history.eventsName) (action, version, name, outcome, duration_ms)
            SELECT 'apply-repeatable', version, \(name), 'applied', \(duration) FROM recorded
            """
        try await session.run(query)
    }
}
