import Foundation
import Logging
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A private PostgreSQL cluster in a folder of its own — by default `<project>/.strata/postgres/` — used when no
/// database URL is configured, and by the test suite.
///
/// - The cluster is created on first use: `initdb -U postgres --auth=trust -E UTF8 --locale=C` into `data/`.
/// - It listens only on a Unix socket (`listen_addresses = ''`), in the cluster folder, or in a short
///   `/tmp/strata-<hash>` folder when that path would be too long (see ``SocketDirectory``); the folder is 0700.
/// - It is started on demand by ``start(database:)`` (`pg_ctl -w start -l server.log`), which also creates the
///   database (`strata_dev` by default), and stopped by ``stop()``.
/// - The server programs are looked for in this order: the `STRATA_PG_BIN` environment variable,
///   `pg_config --bindir`, the folder of `initdb` on `PATH`, the newest `/usr/lib/postgresql/*/bin`, and pip's
///   `pgserver` package (`<package>/pginstall/bin`). When none has them the error says what to install.
/// - When Strata runs as root, the server's programs run as the `postgres` account (PostgreSQL refuses root):
///   the cluster folder is given to it, and folders above that it cannot enter are made searchable.
///
/// Connect as user `postgres` without a password through ``connectionSettings(database:)``.
public struct EmbeddedPostgres: Sendable {
    /// Whether the cluster exists and runs.
    public enum Status: Sendable, Equatable, CustomStringConvertible {
        /// There is no cluster in the folder yet.
        case notInitialized
        /// The cluster exists and no server runs on it.
        case stopped
        /// A server runs on the cluster, with this process id.
        case running(pid: Int32)

        /// `not initialized`, `stopped` or `running (pid N)`.
        public var description: String {
            switch self {
            case .notInitialized: return "not initialized"
            case .stopped: return "stopped"
            case .running(let pid): return "running (pid \(pid))"
            }
        }
    }

    /// The database ``start(database:)`` creates unless told otherwise.
    public static let defaultDatabase = "strata_dev"
    /// The superuser created by `initdb`, used for every connection.
    public static let superuser = "postgres"

    /// `<project>/.strata/postgres`.
    public static func defaultDirectory(projectDirectory: String) -> String {
        absolute(projectDirectory) + "/.strata/postgres"
    }

    /// The cluster folder (absolute): holds `data/`, `server.log` and the socket-directory state file.
    public let directory: String
    /// The port number, which names the socket file `.s.PGSQL.<port>`; no TCP port is opened.
    public let port: Int
    /// When `false`, the cluster trades crash safety for speed (`initdb --no-sync`, `fsync=off`,
    /// `synchronous_commit=off`, `full_page_writes=off`): for throw-away test servers.
    public let durable: Bool
    private let environment: [String: String]
    private let logger: Logger

    /// A cluster in `directory` (made absolute against the current directory).
    public init(
        directory: String, port: Int = ConnectionSettings.defaultPort, durable: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "strata.embedded")
    ) {
        self.directory = Self.absolute(directory)
        self.port = port
        self.durable = durable
        self.environment = environment
        self.logger = logger
    }

    /// The project's cluster, in `<projectDirectory>/.strata/postgres`.
    public init(
        projectDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "strata.embedded")
    ) {
        self.init(
            directory: Self.defaultDirectory(projectDirectory: projectDirectory), environment: environment,
            logger: logger)
    }

    /// The data folder given to `initdb` and `pg_ctl -D`.
    public var dataDirectory: String { directory + "/data" }
    /// The server's log file.
    public var logFile: String { directory + "/server.log" }
    /// The folder holding the server's socket: the remembered one, else the one ``start(database:)`` would choose.
    public var socketDirectory: String {
        SocketDirectory.remembered(in: directory) ?? SocketDirectory.choose(for: directory, port: port)
    }

    /// Settings to connect to `database` on this cluster as `postgres`, over its socket, without TLS.
    public func connectionSettings(database: String = EmbeddedPostgres.defaultDatabase) -> ConnectionSettings {
        ConnectionSettings(
            host: socketDirectory, port: port, user: Self.superuser, database: database, sslMode: .disable)
    }

    /// The `postgres://` URL of `database` on this cluster (it has no password, so nothing is hidden).
    public func url(database: String = EmbeddedPostgres.defaultDatabase) -> String {
        connectionSettings(database: database).redactedURL
    }

    /// Whether the cluster exists and a server runs on it (read from `postmaster.pid`; no programs needed).
    public func status() -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return .notInitialized }
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
            let line = text.split(separator: "\n").first, let pid = Int32(line.trimmingCharacters(in: .whitespaces)),
            pid > 0
        else { return .stopped }
        if kill(pid, 0) == 0 || errno == EPERM { return .running(pid: pid) }
        return .stopped
    }

    /// Creates the cluster if needed, starts the server if it is not running, creates `database` if it is given and
    /// missing, and returns the settings to connect to it (to `postgres` when `database` is `nil`).
    @discardableResult
    public func start(database: String? = EmbeddedPostgres.defaultDatabase) async throws(StrataError)
        -> ConnectionSettings
    {
        let binaries = try await PostgresBinaries.locate(environment: environment, logger: logger)
        let account = try ServerAccount.forCurrentProcess()
        try account.createPrivateDirectory(directory)
        try await account.ensureReachable(directory, program: binaries.path(of: "postgres"), logger: logger)
        if status() == .notInitialized {
            try await initialize(binaries: binaries, account: account)
        }
        let socketDirectory = SocketDirectory.choose(for: directory, port: port)
        if socketDirectory != directory {
            try account.createPrivateDirectory(socketDirectory)
        }
        try SocketDirectory.remember(socketDirectory, in: directory)
        if case .running = status() {
            logger.debug("the embedded server in \(directory) is already running")
        } else {
            try await launch(binaries: binaries, account: account, socketDirectory: socketDirectory)
        }
        if let database { try await createDatabase(database) }
        return connectionSettings(database: database ?? Self.superuser)
    }

    /// Stops the server (`pg_ctl -m fast stop`) if it runs; does nothing otherwise.
    public func stop() async throws(StrataError) {
        guard case .running = status() else { return }
        let binaries = try await PostgresBinaries.locate(environment: environment, logger: logger)
        let account = try ServerAccount.forCurrentProcess()
        let output = try await account.run(
            binaries.path(of: "pg_ctl"), ["-D", dataDirectory, "-w", "-t", "60", "-m", "fast", "stop"])
        if !output.succeeded, case .running = status() {
            throw StrataError(
                .embeddedServer, "could not stop the embedded server in \(directory)", detail: output.tail(),
                hint: "see \(logFile)")
        }
        logger.info("stopped the embedded server in \(directory)")
    }

    /// A shell command line that stops the server at once (`pg_ctl -m immediate stop`) as the right account,
    /// for exit hooks that cannot await.
    package func immediateStopCommand() async throws(StrataError) -> String {
        let binaries = try await PostgresBinaries.locate(environment: environment, logger: logger)
        let account = try ServerAccount.forCurrentProcess()
        return account.shellLine(binaries.path(of: "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
    }

    private func initialize(binaries: PostgresBinaries, account: ServerAccount) async throws(StrataError) {
        logger.info("creating the embedded PostgreSQL cluster in \(dataDirectory) with \(binaries)")
        var arguments = ["-D", dataDirectory, "-U", Self.superuser, "--auth=trust", "-E", "UTF8", "--locale=C"]
        if !durable { arguments.append("--no-sync") }
        let output = try await account.run(binaries.path(of: "initdb"), arguments)
        guard output.succeeded else {
            throw StrataError(
                .embeddedServer, "initdb failed to create the embedded cluster in \(dataDirectory)",
                detail: output.tail())
        }
        let configuration = dataDirectory + "/postgresql.conf"
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: configuration))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n# Added by Strata: listen on the Unix socket only.\nlisten_addresses = ''\n".utf8))
        } catch {
            throw StrataError(.embeddedServer, "cannot update \(configuration)", detail: "\(error)")
        }
    }

    private func launch(
        binaries: PostgresBinaries, account: ServerAccount, socketDirectory: String
    ) async throws(StrataError) {
        var options = [
            "-p \(port)", "-c listen_addresses=''", "-c unix_socket_directories=\(socketDirectory)",
            "-c unix_socket_permissions=0700",
        ]
        // A throw-away server (tests) also takes more connections: a parallel suite opens many at once.
        if !durable {
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300"]
        }
        let output = try await account.run(
            binaries.path(of: "pg_ctl"),
            ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", options.joined(separator: " "), "start"])
        guard output.succeeded else {
            var detail = output.tail()
            if let log = try? String(contentsOfFile: logFile, encoding: .utf8) {
                detail += "\n--- \(logFile) ---\n" + log.split(separator: "\n").suffix(15).joined(separator: "\n")
            }
            throw StrataError(
                .embeddedServer, "the embedded server in \(directory) did not start", detail: detail,
                hint: "see \(logFile); a cluster made by another PostgreSQL major version needs those binaries "
                    + "(STRATA_PG_BIN) or a fresh folder")
        }
        logger.info("started the embedded server in \(directory) (socket in \(socketDirectory))")
    }

    private static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let standardized = (full as NSString).standardizingPath
        return standardized.count > 1 && standardized.hasSuffix("/") ? String(standardized.dropLast()) : standardized
    }
}
