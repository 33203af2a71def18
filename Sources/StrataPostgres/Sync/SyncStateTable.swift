import PostgresNIO
import StrataCore

/// `<schema>.sync_tables`: one row per synced pair, with its phase, copy checkpoint and last comparison. Created on
/// first use next to the history tables. A table in a sync that is not completed or aborted cannot be in another
/// (a partial unique index on each side).
struct SyncStateTable: Sendable {
    let schema: String
    let history: HistoryTable

    init(schema: String) {
        self.schema = schema
        self.history = HistoryTable(schema: schema)
    }

    var name: String { "\(SQLIdentifier.quoted(schema)).sync_tables" }
    /// Keys whose mirrored write a foreign key refused (the row it depends on was not copied yet).
    var pendingName: String { "\(SQLIdentifier.quoted(schema)).sync_pending" }

    /// The pending keys of a pair.
    func pending(sync: String, from: String, in session: DatabaseSession) async throws(StrataError) -> [[String]] {
        let rows = try await session.run(
            "SELECT key FROM \(unescaped: pendingName) WHERE sync = \(sync) AND from_table = \(from) ORDER BY recorded_at")
        return rows.compactMap { try? $0.decode([String].self) }
    }

    /// Forgets a pending key once it was copied again.
    func clearPending(sync: String, from: String, key: [String], in session: DatabaseSession) async throws(StrataError) {
        try await session.run(
            "DELETE FROM \(unescaped: pendingName) WHERE sync = \(sync) AND from_table = \(from) AND key = \(key)")
    }

    /// The state of one pair.
    struct Row: Sendable, Hashable {
        var sync: String
        var from: String
        var to: String
        var phase: SyncPhase
        var checkpoint: [String]?
        var upperKey: [String]?
        var rowsCopied: Int64
        var verifyResult: String?
        var verifiedAt: String?
        var updatedAt: String
    }

    func create(in session: DatabaseSession) async throws(StrataError) {
        try await history.create(in: session)
        if try await session.relationExists(pendingName) { return }
        for statement in [
            """
            CREATE TABLE IF NOT EXISTS \(name) (
                sync text NOT NULL,
                from_table text NOT NULL,
                to_table text NOT NULL,
                phase text NOT NULL,
                checkpoint text[],
                upper_key text[],
                rows_copied bigint NOT NULL DEFAULT 0,
                verify_result text,
                verified_at timestamptz,
                started_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                actor text NOT NULL DEFAULT current_user,
                PRIMARY KEY (sync, from_table)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS \(pendingName) (
                sync text NOT NULL, from_table text NOT NULL, key text[] NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (sync, from_table, key)
            )
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS sync_tables_live_from ON \(name) (from_table) WHERE phase IN ('copying', 'synced', 'cutover')",
            "CREATE UNIQUE INDEX IF NOT EXISTS sync_tables_live_to ON \(name) (to_table) WHERE phase IN ('copying', 'synced', 'cutover')",
        ] {
            try await session.run(PostgresQuery(unsafeSQL: statement))
        }
    }

    /// The rows of `sync` (every sync when `nil`).
    func rows(sync: String?, in session: DatabaseSession) async throws(StrataError) -> [Row] {
        guard try await session.relationExists(name) else { return [] }
        let filter = sync == nil ? "" : "WHERE sync = $1"
        var bindings = PostgresBindings()
        if let sync { bindings.append(sync) }
        let result = try await session.run(PostgresQuery(unsafeSQL: """
            SELECT sync, from_table, to_table, phase, checkpoint, upper_key, rows_copied, verify_result,
                to_char(verified_at, 'YYYY-MM-DD HH24:MI:SS'), to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS')
            FROM \(name) \(filter) ORDER BY sync, started_at, from_table
            """, binds: bindings))
        var rows: [Row] = []
        for row in result {
            guard let cells = try? row.decode(
                (String, String, String, String, [String]?, [String]?, Int64, String?, String?, String).self)
            else { continue }
            rows.append(Row(
                sync: cells.0, from: cells.1, to: cells.2, phase: SyncPhase(rawValue: cells.3) ?? .aborted,
                checkpoint: cells.4, upperKey: cells.5, rowsCopied: cells.6, verifyResult: cells.7, verifiedAt: cells.8,
                updatedAt: cells.9))
        }
        return rows
    }

    /// Another live sync that moves `table` (as source or target), if any.
    func otherSync(touching table: String, besides sync: String, in session: DatabaseSession) async throws(StrataError) -> String? {
        guard try await session.relationExists(name) else { return nil }
        let rows = try await session.run("""
            SELECT sync FROM \(unescaped: name) WHERE sync <> \(sync) AND (from_table = \(table) OR to_table = \(table))
            AND phase IN ('copying', 'synced', 'cutover') LIMIT 1
            """)
        return try? rows.first?.decode(String.self)
    }

    /// Records the pair in `phase` (inserted or updated), with the copy's upper key when starting.
    func begin(sync: String, from: String, to: String, upperKey: [String]?, in session: DatabaseSession) async throws(StrataError) {
        try await session.run("""
            INSERT INTO \(unescaped: name) (sync, from_table, to_table, phase, upper_key, checkpoint, rows_copied)
            VALUES (\(sync), \(from), \(to), 'copying', \(upperKey), NULL, 0)
            ON CONFLICT (sync, from_table) DO UPDATE SET to_table = EXCLUDED.to_table, phase = 'copying',
                upper_key = EXCLUDED.upper_key, checkpoint = NULL, rows_copied = 0, verify_result = NULL,
                verified_at = NULL, started_at = now(), updated_at = now()
            """)
    }

    /// Moves the pair's checkpoint on (inside the batch's transaction).
    func checkpoint(sync: String, from: String, lastKey: [String], rows: Int, in session: DatabaseSession) async throws(StrataError) {
        try await session.run("""
            UPDATE \(unescaped: name) SET checkpoint = \(lastKey), rows_copied = rows_copied + \(Int64(rows)),
                updated_at = now() WHERE sync = \(sync) AND from_table = \(from)
            """)
    }

    /// Sets the pair's phase.
    func setPhase(_ phase: SyncPhase, sync: String, from: String, in session: DatabaseSession) async throws(StrataError) {
        try await session.run("""
            UPDATE \(unescaped: name) SET phase = \(phase.rawValue), updated_at = now()
            WHERE sync = \(sync) AND from_table = \(from)
            """)
    }

    /// Records a comparison's result (`ok`, or what differed).
    func recordVerify(_ result: String, sync: String, from: String, in session: DatabaseSession) async throws(StrataError) {
        try await session.run("""
            UPDATE \(unescaped: name) SET verify_result = \(result), verified_at = now(), updated_at = now()
            WHERE sync = \(sync) AND from_table = \(from)
            """)
    }
}
