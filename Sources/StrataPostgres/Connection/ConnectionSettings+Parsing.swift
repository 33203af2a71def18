import Foundation
import Logging
import StrataCore

extension ConnectionSettings {
    /// Parses a connection string — a `postgres://` / `postgresql://` URL or libpq's `key=value` form — and fills
    /// what it leaves out as libpq does: from `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`,
    /// `PGSSLMODE`, `PGSSLROOTCERT`, `PGAPPNAME`, `PGCONNECT_TIMEOUT`, `PGOPTIONS` in `environment`, then the
    /// password from `PGPASSFILE` or `~/.pgpass`, then defaults: a local socket directory where a server listens
    /// (`/var/run/postgresql`, `/tmp`) else `localhost`, port 5432, user `$USER` (or the current account),
    /// database = user, `sslmode=prefer`, `application_name=strata`, a 10-second connect timeout.
    ///
    /// An empty `text` uses only the environment and defaults. Errors are `.configuration` and never contain the
    /// password: URLs in messages are redacted.
    public static func parse(
        _ text: String, environment: [String: String], logger: Logger = Logger(label: "strata.connection")
    ) throws(StrataError) -> ConnectionSettings {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parameters: ConnectionParameters
        if ConnectionURL.isURL(trimmed) {
            parameters = try ConnectionURL.parameters(trimmed)
        } else if trimmed.contains("://") {
            throw StrataError(
                .configuration, "the database URL must start with postgres:// or postgresql://: "
                    + ConnectionURL.redact(trimmed))
        } else {
            parameters = try KeyValueConnectionString.parameters(trimmed)
        }
        return try ConnectionResolver(parameters: parameters, environment: environment, logger: logger).resolve()
    }

    /// The libpq connection variables Strata reads. Any of them set means a database is configured: libpq would
    /// connect with its defaults for the rest, and so does Strata.
    public static let environmentVariables = [
        "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGPASSFILE", "PGSSLMODE", "PGSSLROOTCERT",
        "PGAPPNAME", "PGCONNECT_TIMEOUT", "PGOPTIONS", "PGSERVICE",
    ]

    /// The connection variables set (not empty) in `environment`, in ``environmentVariables`` order.
    public static func configuredVariables(in environment: [String: String]) -> [String] {
        environmentVariables.filter { environment[$0].map { !$0.isEmpty } ?? false }
    }

    /// Settings from the `PG*` variables alone, or `nil` when none of ``environmentVariables`` is set (so the
    /// caller can fall back to its own default, such as the embedded server). `PGSERVICE` is refused: Strata does
    /// not read `pg_service.conf`, and connecting elsewhere than the service names would be wrong.
    public static func fromEnvironment(
        _ environment: [String: String], logger: Logger = Logger(label: "strata.connection")
    ) throws(StrataError) -> ConnectionSettings? {
        let configured = configuredVariables(in: environment)
        guard !configured.isEmpty else { return nil }
        if configured.contains("PGSERVICE") { throw serviceUnsupported }
        return try parse("", environment: environment, logger: logger)
    }

    /// The error for `PGSERVICE`, which names a `pg_service.conf` entry Strata cannot read.
    static let serviceUnsupported = StrataError(
        .configuration, "PGSERVICE is set, but Strata does not read pg_service.conf",
        hint: "give the database as DATABASE_URL or --database-url, or with PGHOST, PGPORT, PGDATABASE and PGUSER")
}

/// Fills the gaps of parsed keywords from the environment, the password file and defaults.
struct ConnectionResolver {
    var parameters: ConnectionParameters
    var environment: [String: String]
    var logger: Logger
    /// Whether a file exists; replaceable in tests.
    var fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    /// The account the process runs as; replaceable in tests.
    var currentUser: () -> OperatingSystemUser? = { OperatingSystemUser.current() }

    /// A keyword's value, else the environment variable's (empty counts as unset), with where it came from.
    private func lookup(_ key: String, _ variable: String) -> (value: String, source: String)? {
        if let value = parameters[key] { return (value, "'\(key)' of the connection string") }
        if let value = environment[variable], !value.isEmpty { return (value, variable) }
        return nil
    }

    func resolve() throws(StrataError) -> ConnectionSettings {
        var port = ConnectionSettings.defaultPort
        if case let (text, source)? = lookup("port", "PGPORT") {
            guard let number = Int(text), (1...65535).contains(number) else {
                throw StrataError(.configuration, "invalid port '\(text)' in \(source): expected a number from 1 to 65535")
            }
            port = number
        }
        let host = try resolveHost(port: port)
        guard let user = lookup("user", "PGUSER")?.value ?? environment["USER"].flatMap({ $0.isEmpty ? nil : $0 })
            ?? currentUser()?.name
        else {
            throw StrataError(.configuration, "no user name given and the current account has none", hint: "set PGUSER")
        }
        let database = lookup("dbname", "PGDATABASE")?.value ?? user
        var sslMode = SSLMode.prefer
        if case let (text, source)? = lookup("sslmode", "PGSSLMODE") { sslMode = try SSLMode.parse(text, source: source) }
        var sslRootCert = lookup("sslrootcert", "PGSSLROOTCERT")?.value
        if sslRootCert == nil, sslMode.verifiesCertificate, let home {
            let standard = home + "/.postgresql/root.crt"
            if fileExists(standard) { sslRootCert = standard }
        }
        var connectTimeout = ConnectionSettings.defaultConnectTimeout
        if case let (text, source)? = lookup("connect_timeout", "PGCONNECT_TIMEOUT") {
            guard let seconds = Int(text), seconds >= 0 else {
                throw StrataError(
                    .configuration, "invalid connect_timeout '\(text)' in \(source): expected whole seconds (0 = no limit)")
            }
            connectTimeout = seconds
        }
        let applicationName = lookup("application_name", "PGAPPNAME")?.value
            ?? parameters["fallback_application_name"] ?? ConnectionSettings.defaultApplicationName
        var settings = ConnectionSettings(
            host: host, port: port, user: user, password: nil, database: database, sslMode: sslMode,
            sslRootCert: sslRootCert, applicationName: applicationName, connectTimeout: connectTimeout,
            options: lookup("options", "PGOPTIONS")?.value)
        settings.password = parameters["password"] ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if settings.password == nil, let passfile = lookup("passfile", "PGPASSFILE")?.value ?? home.map({ $0 + "/.pgpass" }) {
            settings.password = PasswordFile.password(
                atPath: passfile, host: host, port: port, database: database, user: user, logger: logger)
        }
        return settings
    }

    private var home: String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return currentUser()?.home
    }

    private func resolveHost(port: Int) throws(StrataError) -> String {
        if case let (host, source)? = lookup("host", "PGHOST") {
            if host.contains(",") {
                throw StrataError(.configuration, "\(source) lists several hosts, which Strata does not support")
            }
            return host
        }
        for directory in ["/var/run/postgresql", "/tmp"] where fileExists(directory + "/.s.PGSQL.\(port)") {
            return directory
        }
        return "localhost"
    }
}
