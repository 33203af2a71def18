import Foundation
import Logging
import StrataCore
import StrataPostgres

/// A throw-away PostgreSQL server for tests: one per test process, started on first use in a temporary folder
/// (through ``EmbeddedPostgres``, so binary discovery and running as root work the same), shared by every test,
/// and stopped when the process exits — also when it crashes, through a small watchdog.
///
/// ```swift
/// let postgres = try await TemporaryPostgres.shared()
/// let settings = try await postgres.makeDatabase(prefix: "migrate")
/// ```
///
/// When no server can be started, ``shared()`` throws a `StrataError` saying why, so tests fail instead of
/// silently skipping.
public struct TemporaryPostgres: Sendable {
    /// The server.
    public let server: EmbeddedPostgres
    /// Settings for the server's `postgres` database, as its superuser.
    public let adminSettings: ConnectionSettings

    /// The process's server, started on the first call; later calls (from any task) get the same one.
    public static func shared() async throws(StrataError) -> TemporaryPostgres {
        try await TemporaryPostgresRegistry.shared.server()
    }

    /// Creates a fresh, empty database with a unique name starting with `prefix` (letters, digits and `_`
    /// are kept, the rest become `_`) and returns the settings to connect to it.
    public func makeDatabase(prefix: String = "test") async throws(StrataError) -> ConnectionSettings {
        let name = await TemporaryPostgresRegistry.shared.uniqueDatabaseName(prefix: prefix)
        try await server.createDatabase(name)
        return server.connectionSettings(database: name)
    }

    /// Drops a database made by ``makeDatabase(prefix:)``, ending its sessions. Optional: the whole server goes
    /// away at exit.
    public func dropDatabase(_ settings: ConnectionSettings) async throws(StrataError) {
        try await server.dropDatabase(settings.database)
    }

    /// The `postgres://` URL of `database` on this server (no password, so nothing is hidden).
    public func url(for database: String) -> String {
        server.url(database: database)
    }

    /// The `postgres://` URL of the database `settings` point at.
    public func url(for settings: ConnectionSettings) -> String {
        url(for: settings.database)
    }

    /// Starts a new server in a fresh temporary folder and arranges for it to be stopped at exit.
    static func launch() async throws(StrataError) -> TemporaryPostgres {
        let logger = Logger(label: "strata.testing")
        let root = "/tmp/strata-test-" + String(UUID().uuidString.prefix(8)).lowercased()
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw StrataError(.embeddedServer, "cannot create the test server folder \(root)", detail: "\(error)")
        }
        let server = EmbeddedPostgres(directory: root + "/cluster", durable: false, logger: logger)
        let cleanup = try await server.immediateStopCommand() + " >/dev/null 2>&1; rm -rf "
            + ShellLine.quote(root) + " " + ShellLine.quote(server.socketDirectory)
        ExitCleanup.install(command: cleanup)
        do {
            let settings = try await server.start(database: nil)
            return TemporaryPostgres(server: server, adminSettings: settings)
        } catch {
            throw StrataError(
                .embeddedServer, "could not start a temporary PostgreSQL server for the tests: \(error.message)",
                detail: error.detail, hint: error.hint)
        }
    }
}

/// POSIX shell quoting for the exit hook's command line.
enum ShellLine {
    /// `text` in single quotes, with embedded single quotes written as `'\''`.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
