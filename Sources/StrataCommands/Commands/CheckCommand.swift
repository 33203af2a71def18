import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata check`: proofs about the migration folder that need a database but never touch the target.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Prove things about the migration folder on a shadow database (check rollbacks).",
        subcommands: [Rollbacks.self])

    /// `strata check rollbacks`.
    struct Rollbacks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rollbacks",
            abstract: "Up, down, up again for each migration on a shadow database; exit 4 at the first down that leaves something behind.",
            discussion: """
                On an empty shadow database (a throw-away database on the embedded server, dropped afterwards, or \
                --shadow-url), for each migration in order: the schema before (pg_dump --schema-only, normalised) → \
                up → down → the schema must equal the one before (the difference is printed when not) → up again. \
                Migrations older than --from are only applied. A migration without a down section is applied and \
                reported, not reverted. The configured database is never touched. Roles are cluster-wide: a \
                migration that creates roles creates them on the shadow's server too.
                """)

        @Option(help: ArgumentHelp("Check from this version on (older ones are only applied).", valueName: "version"))
        var from: String?

        @Option(
            name: .customLong("shadow-url"),
            help: ArgumentHelp("An empty database to use as the shadow (default: a throw-away one on the embedded server).",
                               valueName: "url"))
        var shadowURL: String?

        @OptionGroup var global: GlobalOptions

        @OptionGroup var folder: FolderOptions

        func run() async throws {
            let context = try ProjectContext(options: global, folder: folder)
            let version = try from.map { text throws(StrataError) in try VersionArgument.parse(text, flag: "--from") }
            let migrations = try context.loadMigrations()
            var options = try context.migratorOptions()
            options.interruption = nil
            let quiet = global.quiet
            let report: @Sendable (Migration, RollbackChecker.Outcome) -> Void = { migration, outcome in
                guard !quiet else { return }
                Console.standardOutput.write("\(outcome == .restored ? "ok      " : "note    ")\(migration.version) \(migration.name): "
                    + (outcome == .restored ? "up, down, up again; down restores the schema" : outcome.rawValue))
            }
            let outcomes = try await ShadowDatabase.with(context, shadowURL: shadowURL) { shadow throws(StrataError) in
                try await RollbackChecker.check(
                    migrations, from: version, shadow: shadow, options: options, environment: context.environment,
                    logger: context.logger, report: report)
            }
            if !quiet {
                let restored = outcomes.values.filter { $0 == .restored }.count
                Console.standardOutput.write(
                    "\(restored) of \(outcomes.count) down sections restore the schema"
                        + (restored == outcomes.count ? "." : " (the others have none or were skipped)."))
            }
        }
    }
}
