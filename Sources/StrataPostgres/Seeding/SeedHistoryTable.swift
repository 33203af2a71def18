import Foundation
import PostgresNIO
import StrataCore

/// `<schema>.seed_history`: one row per applied seed file, keyed by set and file name, with the checksum it had.
/// Created on first use, next to `schema_history` and `events` (every seed run is logged there too).
public struct SeedHistoryTable: Sendable {
    /// The schema holding the table (default `strata`).
    public let schema: String

    /// Creates a handle for the table in `schema`.
    public init(schema: String = "strata") { self.schema = schema }

    /// `"strata".seed_history`
    public var tableName: String { SQLIdentifier.quoted(schema) + ".seed_history" }
    var events: HistoryTable { HistoryTable(schema: schema) }

    /// True when the table exists.
    public func exists(in session: DatabaseSession) async throws(StrataError) -> Bool {
        try await session.relationExists(tableName)
    }

    /// Creates the schema, the migration history and events tables, and this table, when missing.
    public func create(in session: DatabaseSession) async throws(StrataError) {
        try await events.create(in: session)
        if try await exists(in: session) { return }
        do {
            try await session.run(PostgresQuery(unsafeSQL: """
                CREATE TABLE IF NOT EXISTS \(tableName) (
                    set_name text NOT NULL,
                    file_name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL DEFAULT current_user,
                    duration_ms integer NOT NULL DEFAULT 0,
                    statements_run integer NOT NULL DEFAULT 0,
                    PRIMARY KEY (set_name, file_name)
                )
                """))
        } catch {
            if try await exists(in: session) { return }
            throw events.privilegeHint(error)
        }
    }

    /// Every row; empty when the table does not exist yet.
    public func entries(in session: DatabaseSession) async throws(StrataError) -> [SeedHistoryEntry] {
        guard try await exists(in: session) else { return [] }
        let rows = try await session.run(PostgresQuery(unsafeSQL: """
            SELECT set_name, file_name, checksum, applied_at, applied_by FROM \(tableName) ORDER BY set_name, file_name
            """))
        var entries: [SeedHistoryEntry] = []
        for row in rows {
            do {
                let (setName, fileName, checksum, appliedAt, appliedBy) = try row.decode((String, String, String, Date, String).self)
                entries.append(SeedHistoryEntry(
                    setName: setName, fileName: fileName, checksum: checksum, appliedAt: appliedAt, appliedBy: appliedBy))
            } catch {
                throw StrataError(.internal, "cannot decode a seed history row", detail: "\(error)")
            }
        }
        return entries
    }

    /// Records an applied file (insert or update) and logs the event, in one statement inside the file's transaction.
    public func record(
        _ file: SeedFile, action: String, durationMilliseconds: Int, statementsRun: Int, in session: DatabaseSession
    ) async throws(StrataError) {
        let setName = file.setName
        let fileName = file.fileName
        let checksum = file.checksum
        let label = "\(file.setName)/\(file.fileName)"
        let duration = Int32(clamping: durationMilliseconds)
        let count = Int32(clamping: statementsRun)
        let query: PostgresQuery = """
            WITH recorded AS (
                INSERT INTO \(unescaped: tableName) (set_name, file_name, checksum, duration_ms, statements_run)
                VALUES (\(setName), \(fileName), \(checksum), \(duration), \(count))
                ON CONFLICT (set_name, file_name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now(),
                    applied_by = current_user, duration_ms = EXCLUDED.duration_ms, statements_run = EXCLUDED.statements_run
                RETURNING file_name
            )
            INSERT INTO \(unescaped: events.eventsName) (action, name, outcome, duration_ms)
            SELECT \(action), \(label), 'applied', \(duration) FROM recorded
            """
        try await session.run(query)
    }

    /// Logs a failed seed file (after its transaction rolled back).
    public func logFailure(_ file: SeedFile, action: String, detail: String, in session: DatabaseSession) async {
        let label = "\(file.setName)/\(file.fileName)"
        do {
            try await events.logEvent(action: action, version: nil, name: label, outcome: "failed", detail: detail, in: session)
        } catch {
            session.logger.debug("could not log the failed seed: \(error)")
        }
    }
}
