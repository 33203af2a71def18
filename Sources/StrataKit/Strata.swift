import Foundation
import Logging
import PostgresNIO
// `StrataError`, `MigratorOptions`, `MigrationRunSummary` and `MigrationStatus` are part of this API: an app that
// imports StrataKit can name them without depending on StrataCore itself.
@_exported import StrataCore
import StrataPostgres

/// Strata for a Swift server: migrate on boot with the same lock, timeouts and guarantees as `strata migrate`, and
/// read status or validate, all as typed values. Nothing here prints; everything is logged through the given
/// `Logger`.
///
/// ```swift
/// let strata = Strata(configuration: .init(
///     database: .url(Environment.get("DATABASE_URL") ?? ""),
///     migrations: .bundle(.module, subdirectory: "Migrations"),
///     logger: logger))
/// let summary = try await strata.migrate()   // applied, skipped; throws StrataError naming file:line
/// ```
public struct Strata: Sendable {
    /// Where the database is.
    public enum Database: Sendable {
        /// A PostgreSQL URL or key=value string (sslmode, connect_timeout and the PG* defaults as the CLI reads them).
        case url(String)
        /// A postgres-nio configuration built by the app.
        case postgres(PostgresConnection.Configuration)
    }

    /// Where the migrations are.
    public enum Migrations: Sendable {
        /// A folder on disk (any format the CLI reads).
        case folder(String)
        /// A folder shipped as SwiftPM resources (`resources: [.copy("Migrations")]`), so the server binary
        /// carries its own migrations.
        case bundle(Bundle, subdirectory: String)
    }

    /// What a `Strata` works with.
    public struct Configuration: Sendable {
        /// The database.
        public var database: Database
        /// The migrations.
        public var migrations: Migrations
        /// Lock, timeouts, schema, interruption: the same options as the CLI's.
        public var options: MigratorOptions
        /// Where notices, warnings and each migration applied are logged.
        public var logger: Logger

        /// Creates a configuration.
        public init(
            database: Database, migrations: Migrations, options: MigratorOptions = MigratorOptions(),
            logger: Logger = Logger(label: "strata")
        ) {
            self.database = database
            self.migrations = migrations
            self.options = options
            self.logger = logger
        }
    }

    /// The configuration.
    public let configuration: Configuration

    /// Creates a `Strata`; nothing connects until a method is called.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Applies pending migrations (and repeatables, with hooks) under the migration lock; several replicas booting
    /// at once apply each migration once. Throws a `StrataError` naming file:line and SQLSTATE when one fails.
    @discardableResult
    public func migrate() async throws(StrataError) -> MigrationRunSummary {
        let catalog = try loadCatalog()
        let logger = configuration.logger
        return try await withMigrator { migrator throws(StrataError) in
            try await migrator.migrate(catalog)
        } progress: { event in
            if case .applied(let migration, let milliseconds, _) = event {
                logger.notice("applied \(migration.version) \(migration.name) (\(milliseconds) ms)")
            } else if case .skipped(let migration, let reason) = event {
                logger.warning("skipped \(migration.version) \(migration.name): \(reason)")
            }
        }
    }

    /// The state of every migration, without taking the lock or creating anything.
    public func status() async throws(StrataError) -> [MigrationStatus] {
        let migrations = try loadCatalog().migrations
        return try await withMigrator { migrator throws(StrataError) in try await migrator.status(of: migrations) }
    }

    /// Changed, missing and out-of-order files (empty when valid).
    public func validate() async throws(StrataError) -> [ValidationProblem] {
        let migrations = try loadCatalog().migrations
        return try await withMigrator { migrator throws(StrataError) in try await migrator.validate(migrations) }
    }

    /// Reads the migrations folder.
    func loadCatalog() throws(StrataError) -> MigrationCatalog {
        switch configuration.migrations {
        case .folder(let path):
            return try MigrationFolder(path: path).loadCatalog()
        case .bundle(let bundle, let subdirectory):
            guard let url = bundle.url(forResource: subdirectory, withExtension: nil) else {
                throw StrataError(
                    .configuration, "the bundle has no folder '\(subdirectory)'",
                    hint: "add resources: [.copy(\"\(subdirectory)\")] to the target that holds the migrations")
            }
            return try MigrationFolder(path: url.path).loadCatalog()
        }
    }

    private func withMigrator<T: Sendable>(
        _ body: (Migrator) async throws(StrataError) -> T,
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) async throws(StrataError) -> T {
        let session = try await connect()
        return try await session.closing { session throws(StrataError) -> T in
            try await body(await Migrator.adapted(to: session, options: configuration.options, progress: progress))
        }
    }

    private func connect() async throws(StrataError) -> DatabaseSession {
        switch configuration.database {
        case .url(let text):
            let settings = try ConnectionSettings.parse(text, environment: ProcessInfo.processInfo.environment)
            return try await DatabaseSession.connect(
                configuration: try settings.postgresConfiguration(), target: settings.redactedURL,
                logger: configuration.logger)
        case .postgres(let postgres):
            return try await DatabaseSession.connect(
                configuration: postgres, target: "the configured database", logger: configuration.logger)
        }
    }
}
