import Foundation
import PostgresNIO
import StrataCore

/// `<schema>.seed_history`: one row per applied seed file, keyed by set and file name, with the checksum it had,
/// how many migrations were in effect when it ran (`migrations_applied`) and, once its data is known to be gone, why
/// (`stale_reason`). Created on first use, next to `schema_history` and `events` (every seed run is logged there too).
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

    /// True when the table has the columns that tie a row to what it depends on (`migrations_applied`,
    /// `stale_reason`); tables created before them lack them until the next `seed` adds them.
    func tracksDependencies(in session: DatabaseSession) async throws(StrataError) -> Bool {
        let rows = try await session.run("""
            SELECT count(*)::int FROM pg_attribute
            WHERE attrelid = to_regclass(\(tableName)) AND attname IN ('migrations_applied', 'stale_reason')
              AND NOT attisdropped
            """)
        do {
            return try rows.first?.decode(Int.self) == 2
        } catch {
            throw StrataError(.internal, "cannot read the columns of \(tableName)", detail: "\(error)")
        }
    }

    /// Creates the schema, the migration history and events tables, and this table, when missing; adds the
    /// dependency columns to a table created by an earlier Strata.
    public func create(in session: DatabaseSession) async throws(StrataError) {
        try await events.create(in: session)
        if try await exists(in: session) {
            if try await !tracksDependencies(in: session) {
                try await session.run(PostgresQuery(unsafeSQL: """
                    ALTER TABLE \(tableName) ADD COLUMN IF NOT EXISTS migrations_applied integer,
                        ADD COLUMN IF NOT EXISTS stale_reason text
                    """))
            }
            return
        }
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
                    migrations_applied integer,
                    stale_reason text,
                    PRIMARY KEY (set_name, file_name)
                )
                """))
        } catch {
            if try await exists(in: session) { return }
            throw events.privilegeHint(error)
        }
    }

    /// The versioned migrations in effect (applied or baselined; repeatables left out), counted by SQL; with
    /// `appliedBy`, only those applied at or before that column's time.
    private func migrationsInEffect(appliedBy column: String? = nil) -> String {
        let time = column.map { " AND h.applied_at <= \($0)" } ?? ""
        return "(SELECT count(*)::int FROM \(events.historyName) h WHERE h.kind <> 'repeatable' "
            + "AND h.state IN ('applied', 'baseline')\(time))"
    }

    /// Every row; empty when the table does not exist yet. A row is stale (`staleReason`) when `seed reset` of
    /// another set emptied a table it fills, or when a migration in effect when it ran has since been rolled back
    /// or applied again (fewer of the migrations applied before it are still in effect than when it ran).
    public func entries(in session: DatabaseSession) async throws(StrataError) -> [SeedHistoryEntry] {
        guard try await exists(in: session) else { return [] }
        let tracked = try await tracksDependencies(in: session)
        let historyExists = try await session.relationExists(events.historyName)
        let dependencyColumns =
            tracked
            ? "s.stale_reason, s.migrations_applied, "
                + (historyExists ? migrationsInEffect(appliedBy: "s.applied_at") : "0")
            : "NULL::text, NULL::int, NULL::int"
        let rows = try await session.run(PostgresQuery(unsafeSQL: """
            SELECT s.set_name, s.file_name, s.checksum, s.applied_at, s.applied_by, \(dependencyColumns)
            FROM \(tableName) s ORDER BY s.set_name, s.file_name
            """))
        var entries: [SeedHistoryEntry] = []
        for row in rows {
            do {
                let (setName, fileName, checksum, appliedAt, appliedBy, staleReason, migrationsThen, migrationsNow) =
                    try row.decode((String, String, String, Date, String, String?, Int?, Int?).self)
                var reason = staleReason
                if reason == nil, let migrationsThen, let migrationsNow, migrationsNow < migrationsThen {
                    let gone = migrationsThen - migrationsNow
                    reason = "\(gone) migration\(gone == 1 ? "" : "s") applied before it ran \(gone == 1 ? "was" : "were") "
                        + "rolled back or applied again since, so its tables may have been recreated empty"
                }
                entries.append(SeedHistoryEntry(
                    setName: setName, fileName: fileName, checksum: checksum, appliedAt: appliedAt, appliedBy: appliedBy,
                    staleReason: reason))
            } catch {
                throw StrataError(.internal, "cannot decode a seed history row", detail: "\(error)")
            }
        }
        return entries
    }

    /// Marks the rows of `files` (`(set, file)` pairs) stale with `reason`, inside the caller's transaction: their
    /// data is gone, so the next `seed` applies them again.
    public func markStale(
        _ files: [(setName: String, fileName: String)], reason: String, in session: DatabaseSession
    ) async throws(StrataError) {
        for file in files {
            let setName = file.setName
            let fileName = file.fileName
            try await session.run("""
                UPDATE \(unescaped: tableName) SET stale_reason = \(reason)
                WHERE set_name = \(setName) AND file_name = \(fileName)
                """)
        }
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
                INSERT INTO \(unescaped: tableName)
                    (set_name, file_name, checksum, duration_ms, statements_run, migrations_applied, stale_reason)
                VALUES (\(setName), \(fileName), \(checksum), \(duration), \(count), \(unescaped: migrationsInEffect()), NULL)
                ON CONFLICT (set_name, file_name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now(),
                    applied_by = current_user, duration_ms = EXCLUDED.duration_ms, statements_run = EXCLUDED.statements_run,
                    migrations_applied = EXCLUDED.migrations_applied, stale_reason = NULL
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
