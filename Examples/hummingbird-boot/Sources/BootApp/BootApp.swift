import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle
import StrataKit

/// A Hummingbird 2 server that applies its own migrations on boot.
///
/// One `ServiceGroup` runs three services: the postgres-nio pool the routes use, StrataKit's `MigrationService`
/// (which returns once the migrations are applied and marks `readiness`), and the HTTP server, which answers
/// `/healthz` with 503 until then. SIGTERM or SIGINT shuts the group down gracefully; a migration still running at
/// that moment is cancelled and rolled back.
@main
struct Boot {
    static func main() async {
        let environment = Environment()
        let port = environment.get("PORT").flatMap(Int.init) ?? 8080
        let host = environment.get("HOST") ?? "127.0.0.1"
        var logger = Logger(label: "boot-app")
        logger.logLevel = environment.get("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        logger[metadataKey: "port"] = "\(port)"
        do {
            guard let databaseURL = environment.get("DATABASE_URL"), !databaseURL.isEmpty else {
                throw BootError.missingDatabaseURL
            }
            try await run(databaseURL: databaseURL, host: host, port: port, logger: logger)
        } catch {
            // A failed migration lands here too: StrataError's description names the file:line and SQLSTATE.
            logger.critical("stopping: \(error)")
            exit(1)
        }
    }

    static func run(databaseURL: String, host: String, port: Int, logger: Logger) async throws {
        // Migrations: the SQL files under Sources/BootApp/Migrations, shipped inside the binary's resource bundle.
        let strata = Strata(configuration: .init(
            database: .url(databaseURL),
            migrations: .bundle(.module, subdirectory: "Migrations"),
            logger: logger))
        let readiness = MigrationReadiness()

        // The app's own connection pool, to the same database.
        let postgres = PostgresClient(
            configuration: try PostgresClientConfiguration.from(url: databaseURL),
            backgroundLogger: logger)

        let app = Application(
            router: makeRouter(readiness: readiness, postgres: postgres),
            configuration: .init(address: .hostname(host, port: port), serverName: "BootApp"),
            logger: logger)

        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: postgres),
                // Returns once migrated; `.ignore` keeps the other services running after that.
                .init(service: MigrationService(strata: strata, readiness: readiness), successTerminationBehavior: .ignore),
                .init(service: app),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}

enum BootError: Error, CustomStringConvertible {
    case missingDatabaseURL

    var description: String {
        switch self {
        case .missingDatabaseURL: "DATABASE_URL is not set (a postgres:// URL, e.g. the output of `strata dev url`)"
        }
    }
}
