import Foundation
import PostgresNIO
import StrataCore

/// Strata's state in the database: `<schema>.schema_history` (one row per migration) and `<schema>.events`
/// (an append-only log of every apply and rollback), created on first use. The schema defaults to `strata`.
public struct HistoryTable: Sendable {
    /// The schema holding the tables (default `strata`).
    public let schema: String

    /// Creates a handle for the tables in `schema`; the name is quoted wherever it is used.
    public init(schema: String = "strata") { self.schema = schema }

    var quotedSchema: String { SQLIdentifier.quoted(schema) }
    /// `"strata".schema_history`
    public var historyName: String { "\(quotedSchema).schema_history" }
    /// `"strata".events`
    public var eventsName: String { "\(quotedSchema).events" }

    /// True when the history table exists.
    public func exists(in session: DatabaseSession) async throws(StrataError) -> Bool {
        try await session.relationExists(historyName)
    }

    /// Creates the schema and both tables when missing. Safe to run while another process does the same.
    public func create(in session: DatabaseSession) async throws(StrataError) {
        if try await exists(in: session) { return }
        let statements = [
            "CREATE SCHEMA IF NOT EXISTS \(quotedSchema)",
            """
            CREATE TABLE IF NOT EXISTS \(historyName) (
                version text PRIMARY KEY,
                name text NOT NULL,
                kind text NOT NULL DEFAULT 'versioned',
                checksum text NOT NULL,
                state text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                applied_by text NOT NULL DEFAULT current_user,
                duration_ms integer NOT NULL DEFAULT 0,
                statements_run integer NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS \(eventsName) (
                id bigserial PRIMARY KEY,
                at timestamptz NOT NULL DEFAULT now(),
                action text NOT NULL,
                version text,
                name text,
                outcome text NOT NULL,
                duration_ms integer NOT NULL DEFAULT 0,
                actor text NOT NULL DEFAULT current_user,
                detail text
            )
            """,
        ]
        do throws(StrataError) {
            try await session.inTransaction { () throws(StrataError) in
                for statement in statements { try await session.run(PostgresQuery(unsafeSQL: statement)) }
            }
        } catch {
            // Another process may have created the tables at the same moment; that is fine.
            if try await exists(in: session) { return }
            throw privilegeHint(error)
        }
    }

    /// A missing privilege on Strata's own tables is a setup problem (exit 2), not a failed migration.
    func privilegeHint(_ error: StrataError) -> StrataError {
        guard error.sqlState == "42501" else { return error }
        var configured = error
        configured.code = .configuration
        configured.hint = "the role needs USAGE and CREATE on schema \(quotedSchema) (GRANT USAGE, CREATE ON SCHEMA "
            + "\(quotedSchema) TO …), or choose another schema with --schema"
        return configured
    }

    /// Every history row of a versioned migration (repeatable ones are read by `RepeatableHistory`); empty when the
    /// table does not exist yet.
    public func entries(in session: DatabaseSession) async throws(StrataError) -> [HistoryEntry] {
        guard try await exists(in: session) else { return [] }
        let rows: [PostgresRow]
        do {
            rows = try await session.run(PostgresQuery(unsafeSQL: """
            SELECT version, name, checksum, state, applied_at, applied_by, duration_ms, statements_run
            FROM \(historyName) WHERE kind <> 'repeatable'
            """))
        } catch {
            throw privilegeHint(error)
        }
        var entries: [HistoryEntry] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            do {
                let (version, name, checksum, state, appliedAt, appliedBy, duration, statementsRun) = try row.decode(
                    (String, String, String, String, Date, String, Int32, Int32).self)
                guard let parsedVersion = MigrationVersion(version), let parsedState = HistoryEntry.State(rawValue: state)
                else {
                    throw StrataError(
                        .validation, "the history table has a row Strata cannot read: version '\(version)', state '\(state)'",
                        hint: "fix or delete that row in \(historyName)")
                }
                entries.append(HistoryEntry(
                    version: parsedVersion, name: name, checksum: checksum, state: parsedState, appliedAt: appliedAt,
                    appliedBy: appliedBy, durationMilliseconds: Int(duration), statementsRun: Int(statementsRun)))
            } catch let error as StrataError {
                throw error
            } catch {
                throw StrataError(.internal, "cannot decode a history row", detail: "\(error)")
            }
        }
        return entries
    }

    /// Records a migration's outcome (insert or update) and logs the event, in one statement so it joins the
    /// migration's transaction with a single round trip.
    /// `version` is the text of an existing row's version (it may be spelled differently from the file's, `2` vs `02`).
    public func record(
        _ migration: Migration, version recordedVersion: String? = nil, state: HistoryEntry.State,
        durationMilliseconds: Int, statementsRun: Int, action: String, in session: DatabaseSession
    ) async throws(StrataError) {
        let sql = recordSQL(
            migration, version: recordedVersion, state: state, duration: "\(Int32(clamping: durationMilliseconds))",
            statementsRun: statementsRun, action: action)
        try await session.run(PostgresQuery(unsafeSQL: sql))
    }

    /// The statement of ``record(_:version:state:durationMilliseconds:statementsRun:action:in:)`` with its values
    /// written as literals (for a server-side block); `duration` is SQL for the milliseconds.
    func recordSQL(
        _ migration: Migration, version recordedVersion: String?, state: HistoryEntry.State, duration: String,
        statementsRun: Int, action: String
    ) -> String {
        let version = DollarQuoting.literal(recordedVersion ?? migration.version.rawValue)
        let name = DollarQuoting.literal(migration.name)
        let checksum = DollarQuoting.literal(migration.checksum)
        let stateText = DollarQuoting.literal(state.rawValue)
        return """
            WITH recorded AS (
                INSERT INTO \(historyName) (version, name, checksum, state, duration_ms, statements_run)
                VALUES (\(version), \(name), \(checksum), \(stateText), \(duration), \(Int32(clamping: statementsRun)))
                ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum,
                    state = EXCLUDED.state, applied_at = now(), applied_by = current_user,
                    duration_ms = EXCLUDED.duration_ms, statements_run = EXCLUDED.statements_run
                RETURNING version
            )
            INSERT INTO \(eventsName) (action, version, name, outcome, duration_ms)
            SELECT \(DollarQuoting.literal(action)), version, \(name), \(stateText), \(duration) FROM recorded
            """
    }

    /// Deletes a migration's row (after its down ran) and logs the rollback, in one statement. Throws when no row
    /// was deleted, so the caller's transaction rolls back instead of leaving history out of step with the schema.
    public func remove(
        _ migration: Migration, version: String, durationMilliseconds: Int, in session: DatabaseSession
    ) async throws(StrataError) {
        let sql = removeSQL(migration, version: version, duration: "\(Int32(clamping: durationMilliseconds))")
        let rows = try await session.run(PostgresQuery(unsafeSQL: sql + " RETURNING version"))
        guard rows.count == 1 else { throw missingRow(version) }
    }

    /// The statement of ``remove(_:version:durationMilliseconds:in:)`` with its values written as literals (for a
    /// server-side block, which checks `FOUND` after it); `duration` is SQL for the milliseconds.
    func removeSQL(_ migration: Migration, version: String, duration: String) -> String {
        """
        WITH removed AS (DELETE FROM \(historyName) WHERE version = \(DollarQuoting.literal(version)) RETURNING version)
        INSERT INTO \(eventsName) (action, version, name, outcome, duration_ms)
        SELECT 'rollback', version, \(DollarQuoting.literal(migration.name)), 'reverted', \(duration) FROM removed
        """
    }

    /// The error when a rollback finds no history row to remove.
    func missingRow(_ version: String) -> StrataError {
        StrataError(
            .validation, "history has no row for version \(version) to remove",
            hint: "another process changed \(historyName) during the rollback; run strata status")
    }

    /// Forgets a skipped migration (after a rollback below it), logging the event.
    public func forgetSkipped(_ entry: HistoryEntry, in session: DatabaseSession) async throws(StrataError) {
        let version = entry.version.rawValue
        let name = entry.name
        let query: PostgresQuery = """
            WITH removed AS (DELETE FROM \(unescaped: historyName) WHERE version = \(version) AND state = 'skipped' RETURNING version)
            INSERT INTO \(unescaped: eventsName) (action, version, name, outcome)
            SELECT 'rollback', version, \(name), 'forgotten-skip' FROM removed
            """
        try await session.run(query)
    }

    /// Appends an event outside any migration (for example a failed attempt, after its rollback).
    public func logEvent(
        action: String, version: String?, name: String?, outcome: String, detail: String?, in session: DatabaseSession
    ) async throws(StrataError) {
        let query: PostgresQuery = """
            INSERT INTO \(unescaped: eventsName) (action, version, name, outcome, detail)
            VALUES (\(action), \(version), \(name), \(outcome), \(detail))
            """
        try await session.run(query)
    }
}
