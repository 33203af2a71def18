import StrataCore

/// Where and how to connect to PostgreSQL, resolved like libpq: the connection string first, then the `PG*`
/// environment variables, then the password file, then defaults.
///
/// The password is never printed: `description`, `debugDescription`, `redactedURL` and the reflection mirror
/// show `****` in its place. Build one with ``parse(_:environment:logger:)`` or ``fromEnvironment(_:logger:)``.
public struct ConnectionSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The default TCP port, and the number in a Unix socket's file name.
    public static let defaultPort = 5432
    /// The `application_name` sent to the server unless another is configured.
    public static let defaultApplicationName = "strata"
    /// Seconds to wait for a connection unless another timeout is configured.
    public static let defaultConnectTimeout = 10
    /// What redacted output shows instead of a password.
    public static let passwordMask = "****"

    /// A TCP host name or IP address, or — when it starts with `/` — the directory holding the server's Unix socket.
    public var host: String
    /// The TCP port; for a Unix socket, the number in the socket's file name `.s.PGSQL.<port>`.
    public var port: Int
    /// The role to log in as.
    public var user: String
    /// The password, if any. Never printed.
    public var password: String?
    /// The database to open.
    public var database: String
    /// libpq's `sslmode`.
    public var sslMode: SSLMode
    /// A file of trusted root certificates for `verify-ca` / `verify-full`, or `system` for the system's roots.
    public var sslRootCert: String?
    /// The `application_name` reported to the server (shown in `pg_stat_activity`).
    public var applicationName: String
    /// Seconds to wait for the connection; `0` waits without limit, values below 2 count as 2 (as in libpq).
    public var connectTimeout: Int
    /// libpq's `options`: command-line options sent to the server at start-up, e.g. `-c search_path=app`.
    public var options: String?

    /// Creates settings from their parts.
    public init(
        host: String, port: Int = ConnectionSettings.defaultPort, user: String, password: String? = nil,
        database: String, sslMode: SSLMode = .prefer, sslRootCert: String? = nil,
        applicationName: String = ConnectionSettings.defaultApplicationName,
        connectTimeout: Int = ConnectionSettings.defaultConnectTimeout, options: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.options = options
    }

    /// Whether `host` names a Unix-socket directory rather than a TCP host.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file, `<host>/.s.PGSQL.<port>`, when `host` is a socket directory.
    public var unixSocketPath: String? {
        guard isUnixSocket else { return nil }
        let directory = host.count > 1 && host.hasSuffix("/") ? String(host.dropLast()) : host
        return directory + "/.s.PGSQL.\(port)"
    }

    /// A `postgres://` URL for these settings with the password replaced by `****`; safe to print and log.
    /// Without a password it is a complete, usable URL.
    public var redactedURL: String {
        var url = "postgres://" + PercentEncoding.encode(user)
        if password != nil { url += ":" + Self.passwordMask }
        url += "@"
        var query: [(String, String)] = []
        if isUnixSocket {
            query.append(("host", host))
            if port != Self.defaultPort { query.append(("port", String(port))) }
        } else {
            url += host.contains(":") ? "[" + host + "]" : PercentEncoding.encode(host)
            url += ":\(port)"
        }
        url += "/" + PercentEncoding.encode(database)
        if sslMode != .prefer { query.append(("sslmode", sslMode.rawValue)) }
        if let sslRootCert { query.append(("sslrootcert", sslRootCert)) }
        if applicationName != Self.defaultApplicationName { query.append(("application_name", applicationName)) }
        if connectTimeout != Self.defaultConnectTimeout { query.append(("connect_timeout", String(connectTimeout))) }
        if let options { query.append(("options", options)) }
        if !query.isEmpty {
            url += "?" + query.map { $0.0 + "=" + PercentEncoding.encode($0.1, alsoKeep: "/:@,") }.joined(separator: "&")
        }
        return url
    }

    /// The redacted URL: safe to print and log.
    public var description: String { redactedURL }

    /// The redacted URL: safe to print and log.
    public var debugDescription: String { "ConnectionSettings(\(redactedURL))" }

    /// A mirror whose `password` child is `****`, so `dump` cannot reveal it.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "user": user,
                "password": password == nil ? "nil" : Self.passwordMask,
                "database": database, "sslMode": sslMode, "sslRootCert": sslRootCert as Any,
                "applicationName": applicationName, "connectTimeout": connectTimeout, "options": options as Any,
            ], displayStyle: .struct)
    }
}
