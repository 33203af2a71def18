import Foundation
import Logging
import StrataCore
import StrataPostgres
import StrataTesting

/// A fresh database on some server, with a direct connection for the test's own checks (what a user would look
/// at with psql: tables, `strata.schema_history`, `pg_index`, `pg_stat_activity`).
struct ProductionDatabase {
    let settings: ConnectionSettings
    /// The URL strata is given.
    let url: String

    /// A new database on the shared test server.
    static func make(_ prefix: String) async throws -> ProductionDatabase {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: prefix)
        return ProductionDatabase(settings: settings, url: server.url(for: settings))
    }

    /// A new connection the caller closes.
    func openSession() async throws -> DatabaseSession {
        var logger = Logger(label: "strata.e2e.check")
        logger.logLevel = .critical
        return try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "e2e check", logger: logger)
    }

    /// Runs `body` on a new connection, closed afterwards.
    func withSession<T>(_ body: (DatabaseSession) async throws -> T) async throws -> T {
        var logger = Logger(label: "strata.e2e.check")
        logger.logLevel = .critical
        let session = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "e2e check", logger: logger)
        do {
            let value = try await body(session)
            await session.close()
            return value
        } catch {
            await session.close()
            throw error
        }
    }

    /// The single `bigint` a query returns (e.g. a `count(*)`).
    func integer(_ sql: String) async throws -> Int64 {
        try await withSession { session in
            let rows = try await session.run("\(unescaped: sql)")
            guard let row = rows.first else { throw CheckFailure("no row from: \(sql)") }
            return try row.decode(Int64.self)
        }
    }

    /// The single `text` column of each row a query returns.
    func texts(_ sql: String) async throws -> [String] {
        try await withSession { session in
            try await session.run("\(unescaped: sql)").map { try $0.decode(String.self) }
        }
    }

    /// Whether a relation of that name exists (`to_regclass`).
    func exists(_ relation: String) async throws -> Bool {
        try await integer("SELECT (to_regclass('\(relation)') IS NOT NULL)::int::bigint") == 1
    }

    /// The versions in `strata.schema_history` with state `applied`, in order (duplicates kept).
    func appliedVersions() async throws -> [String] {
        try await texts("SELECT version FROM strata.schema_history WHERE state = 'applied' ORDER BY version::numeric")
    }

    /// Advisory locks held or awaited in this database (the migration lock), by any session.
    func advisoryLockCount() async throws -> Int64 {
        try await integer(
            """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
    }

    /// Polls until `sql` returns a non-zero count, at most `limit`; false on time-out.
    func waitUntil(_ sql: String, within limit: Duration = .seconds(30)) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if try await integer(sql) > 0 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits until a session of this database runs a statement containing `fragment` (e.g. `pg_sleep`).
    func waitForRunningStatement(containing fragment: String, within limit: Duration = .seconds(30)) async throws -> Bool {
        try await waitUntil(
            """
            SELECT count(*) FROM pg_stat_activity WHERE datname = '\(settings.database)' AND state = 'active'
              AND query LIKE '%\(fragment)%' AND pid <> pg_backend_pid()
            """, within: limit)
    }
}

/// A check the test could not even make.
struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
