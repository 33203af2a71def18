import Logging
import PostgresNIO
import StrataCore
import StrataSQL

/// One dedicated connection to PostgreSQL on which Strata sends statements one at a time.
///
/// postgres-nio has no simple-query protocol, so every statement is split by the lexer first and sent alone;
/// that also gives each failure its own file position.
public struct DatabaseSession: Sendable {
    /// The open connection.
    public let connection: PostgresConnection
    /// Where the session logs.
    public let logger: Logger
    /// A password-free description of the server, for messages.
    public let target: String
    /// How the connection was opened, so a second connection to the same server can be opened (to watch for
    /// blocking sessions or cancel a running statement); `nil` for a session made from a bare connection.
    let configuration: PostgresConnection.Configuration?

    /// Wraps an open connection.
    public init(connection: PostgresConnection, logger: Logger, target: String) {
        self.init(connection: connection, logger: logger, target: target, configuration: nil)
    }

    init(
        connection: PostgresConnection, logger: Logger, target: String, configuration: PostgresConnection.Configuration?
    ) {
        self.connection = connection
        self.logger = logger
        self.target = target
        self.configuration = configuration
    }

    /// Opens a connection with a postgres-nio configuration; `target` describes the server without secrets.
    public static func connect(
        configuration: PostgresConnection.Configuration, target: String, logger: Logger
    ) async throws(StrataError) -> DatabaseSession {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 1, logger: logger)
            return DatabaseSession(connection: connection, logger: logger, target: target, configuration: configuration)
        } catch {
            throw PostgresErrorMapping.strataError(error, code: .connection, target: target)
        }
    }

    /// Runs `body` with this session and closes the session afterwards, whatever happens.
    public func closing<T>(after body: (DatabaseSession) async throws(StrataError) -> T) async throws(StrataError) -> T {
        do throws(StrataError) {
            let result = try await body(self)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }

    /// Opens another connection to the same server with the same settings; `nil` when this session was not
    /// opened by ``connect(configuration:target:logger:)``.
    public func openSibling() async throws(StrataError) -> DatabaseSession? {
        guard let configuration else { return nil }
        return try await Self.connect(configuration: configuration, target: target, logger: logger)
    }

    /// The server process id of this connection (`pg_backend_pid()`).
    public func backendProcessID() async throws(StrataError) -> Int32 {
        let rows = try await run("SELECT pg_backend_pid()")
        guard let pid = try? rows.first?.decode(Int32.self) else {
            throw StrataError(.internal, "cannot read the server process id of the connection")
        }
        return pid
    }

    /// Closes the connection; errors while closing are logged, not thrown.
    public func close() async {
        do {
            try await connection.close()
        } catch {
            logger.debug("closing the connection failed: \(error)")
        }
    }

    /// Runs SQL Strata wrote itself (no file position), returning its rows.
    @discardableResult
    public func run(_ query: PostgresQuery) async throws(StrataError) -> [PostgresRow] {
        try ensureOpen()
        do {
            return try await connection.query(query, logger: logger).collect()
        } catch {
            throw PostgresErrorMapping.strataError(error, code: .internal, target: target)
        }
    }

    /// Runs one statement of a user's file, mapping a failure to `path:line:column` with the server's details.
    @discardableResult
    public func run(
        _ statement: SQLStatement, path: String, failure: StrataError.Code = .migrationFailed
    ) async throws(StrataError) -> [PostgresRow] {
        logger.debug("\(path):\(statement.start.line): \(statement.keywords.prefix(4).joined(separator: " ")) …")
        try ensureOpen()
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: statement.text), logger: logger).collect()
        } catch {
            throw PostgresErrorMapping.strataError(error, statement: statement, path: path, code: failure, target: target)
        }
    }

    /// Throws "connection lost" when the connection is already closed (the server restarted or ended the session).
    /// postgres-nio never answers a query written to a closed connection (the write reaches no handler, so its
    /// promise is never completed): without this check the next statement after a lost connection hangs for ever.
    func ensureOpen() throws(StrataError) {
        guard connection.isClosed else { return }
        throw StrataError(
            .connection, "the connection to the server \(target) was lost",
            hint: "the server may have restarted; run the command again: applied migrations are not repeated")
    }

    /// True when the table (or other relation) `qualifiedName` exists, e.g. `"strata".schema_history`.
    public func relationExists(_ qualifiedName: String) async throws(StrataError) -> Bool {
        let rows = try await run("SELECT to_regclass(\(qualifiedName)) IS NOT NULL")
        guard let row = rows.first else { return false }
        do {
            return try row.decode(Bool.self)
        } catch {
            throw StrataError(.internal, "cannot tell whether \(qualifiedName) exists", detail: "\(error)")
        }
    }

    /// The server's major version (15 for 15.18), or `nil` when it cannot be read.
    public func serverMajorVersion() async -> Int? {
        guard let rows = try? await run("SELECT current_setting('server_version_num')"),
            let text = try? rows.first?.decode(String.self), let number = Int(text)
        else { return nil }
        return number / 10_000
    }

    /// Runs `ROLLBACK`, ignoring failures (used on error paths, where the original error matters more).
    public func rollbackQuietly() async {
        guard !connection.isClosed else { return }
        do {
            try await connection.query("ROLLBACK", logger: logger)
        } catch {
            logger.debug("ROLLBACK failed: \(error)")
        }
    }
}
