import Logging
import PostgresNIO
import StrataCore

extension EmbeddedPostgres {
    /// Creates `name` on the running server unless it exists (a concurrent creation counts as success).
    public func createDatabase(_ name: String) async throws(StrataError) {
        let exists = try await withAdminConnection { connection, logger in
            try await connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
                .collect().isEmpty == false
        }
        if exists { return }
        do {
            try await withAdminConnection { connection, logger in
                _ = try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE DATABASE " + SQLIdentifier.quoted(name)), logger: logger)
            }
        } catch let error where error.sqlState == "42P04" {
            return
        }
    }

    /// Drops `name` from the running server if it exists, ending its other sessions first.
    public func dropDatabase(_ name: String) async throws(StrataError) {
        try await withAdminConnection { connection, logger in
            _ = try await connection.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS " + SQLIdentifier.quoted(name) + " WITH (FORCE)"),
                logger: logger)
        }
    }

    /// Runs `body` on a connection to the `postgres` database, closing it afterwards.
    private func withAdminConnection<Value: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> Value
    ) async throws(StrataError) -> Value {
        let logger = Logger(label: "strata.embedded")
        let settings = connectionSettings(database: Self.superuser)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try settings.postgresConfiguration(), id: 1, logger: logger)
        } catch {
            throw StrataError(
                .embeddedServer, "cannot connect to the embedded server through \(settings.unixSocketPath ?? settings.host)",
                detail: String(reflecting: error), hint: "is it running? see \(logFile)")
        }
        do {
            let result = try await body(connection, logger)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            let sqlState = (error as? PSQLError)?.serverInfo?[.sqlState]
            throw StrataError(
                .embeddedServer, (error as? PSQLError)?.serverInfo?[.message] ?? "a query on the embedded server failed",
                sqlState: sqlState, detail: sqlState == nil ? String(reflecting: error) : nil)
        }
    }
}
