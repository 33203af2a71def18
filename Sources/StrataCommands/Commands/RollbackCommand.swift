import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata rollback`: reverts applied migrations by their down sections.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Revert the last migration (or --steps N, or everything above --to V; --to 0 reverts all).",
        discussion: "A version given alone, as in 'strata rollback 20250902000000', means --to that version.")

    @Argument(help: ArgumentHelp("The same as --to VERSION.", valueName: "version"))
    var positionalTarget: String?

    @Option(help: ArgumentHelp("How many migrations to revert (default 1).", valueName: "n"))
    var steps: Int?

    @Option(name: .customLong("to"), help: ArgumentHelp("Revert every migration above this version.", valueName: "version"))
    var target: String?

    @Flag(name: .customLong("dry-run"), help: "Print the statements that would run; change nothing.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func validate() throws {
        if positionalTarget != nil && target != nil {
            throw ValidationError("give the version once: as an argument or with --to, not both")
        }
        if steps != nil && (target ?? positionalTarget) != nil { throw ValidationError("give --steps or --to, not both") }
        if let steps, steps < 1 { throw ValidationError("--steps must be 1 or more") }
    }

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let rollbackTarget: MigrationPlanner.RollbackTarget
        if let target = target ?? positionalTarget {
            rollbackTarget = .toVersion(try VersionArgument.parse(target, flag: "--to"))
        } else {
            rollbackTarget = .steps(steps ?? 1)
        }
        let migrations = try context.loadMigrations()
        let printer = ProgressPrinter(quiet: global.quiet)
        let options = try context.migratorOptions(dryRun: dryRun, interruptible: true)
        let summary = try await context.withSession { session throws(StrataError) in
            let migrator = await Migrator.adapted(to: session, options: options, progress: printer.callback)
            if case .toVersion(let version) = rollbackTarget {
                let planner = MigrationPlanner(migrations: migrations, history: try await migrator.history(in: session))
                guard planner.knows(version) else {
                    throw StrataError(
                        .usage, "--to \(version): no migration has this version",
                        hint: "give 0 to revert all, or a version strata status lists")
                }
            }
            return try await migrator.rollback(migrations, target: rollbackTarget)
        }
        if dryRun { return }
        printer.summary(summary.done.isEmpty
            ? "Nothing to roll back."
            : "Reverted \(summary.done.count) migration\(summary.done.count == 1 ? "" : "s").")
    }
}
