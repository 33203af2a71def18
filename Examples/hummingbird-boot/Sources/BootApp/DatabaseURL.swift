import Foundation
import PostgresNIO

/// Builds the app's postgres-nio pool configuration from the same `DATABASE_URL` Strata migrates.
///
/// Understands what `strata dev url` prints (`postgres://user@/db?host=/socket/dir&sslmode=disable`) and the usual
/// `postgres://user:password@host:port/db?sslmode=...`. StrataKit parses the URL for its own connection but does not
/// expose the result, hence this small parser.
enum PostgresClientConfiguration {
    static func from(url text: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else { throw DatabaseURLError(message: "DATABASE_URL is not a postgres:// URL") }

        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let user = components.user?.removingPercentEncoding ?? query["user"] ?? "postgres"
        let password = components.password?.removingPercentEncoding ?? query["password"]
        let database = components.path.isEmpty ? query["dbname"] : String(components.path.dropFirst())
        let port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        let host = (components.host?.removingPercentEncoding).flatMap { $0.isEmpty ? nil : $0 } ?? query["host"]

        // A host that starts with "/" is a socket directory, as in libpq.
        if let host, host.hasPrefix("/") {
            return PostgresClient.Configuration(
                unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
    }
}

struct DatabaseURLError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
