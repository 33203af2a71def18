import PostgresNIO
import StrataCore

/// Reads what preflight needs from the live database: table sizes and row estimates, and the other sessions that
/// hold or wait for locks on given tables (or sit idle in a transaction, or run long queries). Queries only the
/// catalog and statistics views; never a row of user data, never a whole query text (its first three words).
public struct PreflightCatalog: Sendable {
    /// The session the catalog is read on.
    public let session: DatabaseSession

    /// Reads on `session`.
    public init(session: DatabaseSession) {
        self.session = session
    }

    /// Sizes and row estimates of the tables among `tables` that exist, schema-qualified by the search path.
    public func tableFacts(_ tables: [RelationName]) async throws(StrataError) -> [TableFacts] {
        guard !tables.isEmpty else { return [] }
        let names = tables.map(Self.regclassText)
        let rows = try await session.run(
            """
            SELECT n.nspname::text, c.relname::text, pg_relation_size(c.oid)::int8, pg_total_relation_size(c.oid)::int8,
                   (CASE WHEN c.reltuples < 0 THEN pg_relation_size(c.oid) / 100 ELSE c.reltuples END)::int8
            FROM unnest(\(names)::text[]) AS t(name)
            JOIN pg_class c ON c.oid = to_regclass(t.name)
            JOIN pg_namespace n ON n.oid = c.relnamespace
            """)
        var facts: [TableFacts] = []
        for row in rows {
            do {
                let (schema, name, heap, total, count) = try row.decode((String, String, Int64, Int64, Int64).self)
                let fact = TableFacts(
                    table: RelationName(schema: schema, name: name), heapBytes: heap, totalBytes: total, rows: count)
                if !facts.contains(fact) { facts.append(fact) }
            } catch {
                throw StrataError(.internal, "cannot read table sizes", detail: "\(error)")
            }
        }
        return facts
    }

    /// Other sessions with a lock (held or awaited) on one of `tables`, plus sessions idle in a transaction for
    /// at least `idleSeconds` and queries running for at least `longQuerySeconds` anywhere in the database (with no
    /// locks listed when they hold none on `tables`).
    public func sessions(
        touching tables: [RelationName], idleSeconds: Int64 = 10, longQuerySeconds: Int64 = 60
    ) async throws(StrataError) -> [SessionFacts] {
        let names = tables.map(Self.regclassText)
        let rows = try await session.run(
            """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''),
                   coalesce(extract(epoch FROM now() - coalesce(a.xact_start, a.state_change))::int8, 0),
                   coalesce(substring(a.query FROM '^\\s*(\\S+(\\s+\\S+){0,2})'), ''),
                   n.nspname::text, c.relname::text, l.mode, l.granted,
                   coalesce((extract(epoch FROM clock_timestamp() - a.state_change) * 1000)::int8, 0)
            FROM pg_stat_activity a
            LEFT JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'relation'
                 AND l.relation IN (SELECT to_regclass(x) FROM unnest(\(names)::text[]) AS x)
            LEFT JOIN pg_class c ON c.oid = l.relation
            LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.pid <> pg_backend_pid() AND a.datname = current_database()
              AND (l.pid IS NOT NULL
                   OR (a.state LIKE 'idle in transaction%' AND now() - a.state_change >= make_interval(secs => \(idleSeconds)::float8))
                   OR (a.state = 'active' AND now() - a.query_start >= make_interval(secs => \(longQuerySeconds)::float8)))
            ORDER BY a.pid
            """)
        var sessions: [SessionFacts] = []
        for row in rows {
            do {
                let (pid, application, state, age, words, schema, name, mode, granted, stateMilliseconds) = try row.decode(
                    (Int32, String, String, Int64, String, String?, String?, String?, Bool?, Int64).self)
                var lock: SessionLock?
                if let schema, let name, let mode, let lockMode = LockMode(catalogName: mode) {
                    lock = SessionLock(
                        table: RelationName(schema: schema, name: name), mode: lockMode, granted: granted ?? false)
                }
                if let last = sessions.indices.last, sessions[last].pid == pid {
                    if let lock, !sessions[last].locks.contains(lock) { sessions[last].locks.append(lock) }
                } else {
                    sessions.append(
                        SessionFacts(
                            pid: pid, application: application, state: state, ageSeconds: age, queryStart: words,
                            locks: lock.map { [$0] } ?? [], stateMilliseconds: stateMilliseconds))
                }
            } catch {
                throw StrataError(.internal, "cannot read pg_stat_activity and pg_locks", detail: "\(error)")
            }
        }
        return sessions
    }

    /// `"schema"."name"` (or `"name"`) for `to_regclass`.
    static func regclassText(_ name: RelationName) -> String {
        func quote(_ part: String) -> String { "\"" + part.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return (name.schema.map { quote($0) + "." } ?? "") + quote(name.name)
    }
}
