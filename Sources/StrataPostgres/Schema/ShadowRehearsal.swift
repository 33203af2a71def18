import Foundation
import Logging
import StrataCore

/// A rehearsal of the migrations on an empty shadow database, with data that existed before them: migrate to a
/// version, seed, then migrate to the newest, and hand the session over (to `strata test --at V`), so a data
/// migration is tested on the rows it will meet in production.
public enum ShadowRehearsal {
    /// What the rehearsal did before the tests.
    public struct Report: Sendable {
        /// Migrations applied up to the version.
        public var before: Int
        /// Seed files applied at the version.
        public var seeded: Int
        /// Migrations applied after the seeds, up to the newest.
        public var after: Int
    }

    /// Migrates the empty `shadow` to `version`, applies `seeds`, migrates to the newest, then runs `body` on it.
    public static func run<T>(
        _ catalog: MigrationCatalog, shadow: ConnectionSettings, options: MigratorOptions, at version: MigrationVersion,
        seeds: [SeedSet], logger: Logger, _ body: (DatabaseSession, Report) async throws(StrataError) -> T
    ) async throws(StrataError) -> T {
        guard catalog.migrations.contains(where: { $0.version == version }) else {
            throw StrataError(
                .usage, "--at \(version): no migration has this version",
                hint: "'strata status' lists the versions of the folder")
        }
        let session = try await DatabaseSession.connect(
            configuration: try shadow.postgresConfiguration(), target: shadow.redactedURL, logger: logger)
        return try await session.closing { session throws(StrataError) in
            try await RollbackChecker.ensureEmpty(session, shadow: shadow)
            let migrator = Migrator(session: session, options: options)
            let before = try await migrator.migrate(catalog, to: version)
            let seeded = try await Seeder(session: session, options: options).seed(seeds)
            let after = try await migrator.migrate(catalog)
            return try await body(session, Report(before: before.done.count, seeded: seeded.applied.count, after: after.done.count))
        }
    }
}
