import Foundation
import StrataCore
import StrataPostgres

/// What `strata setup` and `strata reset` share: migrate, then seed, on the configured database.
enum DatabaseSetup {
    /// The configured database's settings (parsed, not connected), or `nil` for the embedded default.
    static func configuredSettings(_ context: ProjectContext) async throws(StrataError) -> ConnectionSettings? {
        try DatabaseTarget.configured(context)
    }

    /// Applies pending migrations, then the seed sets that apply in the environment, and prints a summary.
    static func migrateAndSeed(_ context: ProjectContext, seedOptions: SeedOptions, quiet: Bool) async throws(StrataError) {
        let migrations = try context.loadMigrations()
        let plan = try SeedCommand.plan(context, options: seedOptions, names: [])
        let options = try context.migratorOptions(interruptible: true)
        let progress = ProgressPrinter(quiet: quiet)
        let seeds = SeedPrinter(quiet: quiet)
        let (migrated, seeded) = try await context.withSession { session throws(StrataError) in
            let migrated = try await Migrator(session: session, options: options, progress: progress.callback).migrate(migrations)
            let seeded = try await Seeder(session: session, options: options, progress: seeds.callback).seed(plan.selected)
            return (migrated, seeded)
        }
        let count = migrated.done.count
        progress.summary(count == 0 ? "Migrations: up to date." : "Applied \(count) migration\(count == 1 ? "" : "s").")
        seeds.summary(seeded, sets: plan.selected, environment: plan.environment, excluded: plan.excluded)
    }
}
