import Logging
import PostgresNIO
import StrataCore

/// Creates and drops the database a connection string names, through the server's maintenance database
/// (`postgres`, else `template1`): what `strata setup` and `strata reset` do before migrating.
public enum DatabaseProvisioner {
    /// The databases tried, in order, for `CREATE DATABASE` and `DROP DATABASE`.
    public static let maintenanceDatabases = ["postgres", "template1"]

    /// Creates the database of `settings` unless it exists. Returns `true` when it created it.
    /// A database that accepts a connection is left alone, so no maintenance access is needed then.
    @discardableResult
    public static func createIfMissing(_ settings: ConnectionSettings, logger: Logger) async throws(StrataError) -> Bool {
        do {
            let session = try await DatabaseSession.connect(
                configuration: try settings.postgresConfiguration(), target: settings.redactedURL, logger: logger)
            await session.close()
            return false
        } catch where error.sqlState == "3D000" {
            // The database does not exist: create it below.
        }
        return try await withMaintenanceSession(for: settings, logger: logger) { session throws(StrataError) in
            try await create(settings.database, in: session)
        }
    }

    /// Drops the database of `settings` (ending its other sessions) and creates it again, empty.
    public static func recreate(_ settings: ConnectionSettings, logger: Logger) async throws(StrataError) {
        try await withMaintenanceSession(for: settings, logger: logger) { session throws(StrataError) in
            let name = settings.database
            if (await session.serverMajorVersion() ?? 13) >= 13 {
                try await session.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(SQLIdentifier.quoted(name)) WITH (FORCE)"))
            } else {
                try await session.run(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(name) AND pid <> pg_backend_pid()")
                try await session.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(SQLIdentifier.quoted(name))"))
            }
            _ = try await create(name, in: session)
        }
    }

    private static func create(_ name: String, in session: DatabaseSession) async throws(StrataError) -> Bool {
        let existing = try await session.run("SELECT 1 FROM pg_database WHERE datname = \(name)")
        if !existing.isEmpty { return false }
        do {
            try await session.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(SQLIdentifier.quoted(name))"))
            return true
        } catch where error.sqlState == "42P04" {
            return false
        } catch {
            var failure = error
            failure.code = error.sqlState == "42501" ? .configuration : .connection
            failure.message = "cannot create the database '\(name)': \(error.message)"
            if error.sqlState == "42501" {
                failure.hint = "the role needs CREATEDB (ALTER ROLE … CREATEDB), or create the database once by hand"
            }
            throw failure
        }
    }

    /// Runs `body` on a session to the first maintenance database that accepts the connection.
    private static func withMaintenanceSession<T>(
        for settings: ConnectionSettings, logger: Logger,
        _ body: (DatabaseSession) async throws(StrataError) -> T
    ) async throws(StrataError) -> T {
        guard !maintenanceDatabases.contains(settings.database) else {
            throw StrataError(
                .refused, "'\(settings.database)' is a maintenance database; Strata will not create or drop it",
                hint: "point the URL at your application's database")
        }
        var lastError: StrataError?
        for database in maintenanceDatabases {
            var maintenance = settings
            maintenance.database = database
            let session: DatabaseSession
            do {
                session = try await DatabaseSession.connect(
                    configuration: try maintenance.postgresConfiguration(), target: maintenance.redactedURL, logger: logger)
            } catch where error.sqlState == "3D000" || error.sqlState == "42501" {
                lastError = error
                continue
            }
            return try await session.closing(after: body)
        }
        throw lastError ?? StrataError(.connection, "no maintenance database accepts the connection")
    }
}
