import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata migrate`: applies pending migrations under the lock.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations, each in one transaction with its history row.",
        discussion: "Skipped migrations (missing extension) are retried and partial non-transactional ones resumed.")

    @Option(name: .customLong("to"), help: ArgumentHelp("Stop after this version.", valueName: "version"))
    var target: String?

    @Flag(name: .customLong("dry-run"), help: "Print the statements that would run; change nothing.")
    var dryRun = false

    @Flag(name: .customLong("enforce-lint"), help: "Refuse to run when the pending files have lint findings of error severity (or lint.enforce = true in strata.toml).")
    var enforceLint = false

    @Flag(name: .customLong("no-lint"), help: "Do not lint the pending files first.")
    var noLint = false

    @Flag(name: .customLong("allow-out-of-order"), help: "Apply pending files older than the newest applied one.")
    var allowOutOfOrder = false

    @Option(name: .customLong("max-lock-time"), help: ArgumentHelp("Refuse a migration whose estimated blocking lock lasts longer (or max_lock_time in strata.toml; default off). See docs/preflight.md.", valueName: "duration"))
    var maxLockTime: String?

    @Flag(help: "Back up the database first (as strata backup) when something is pending (or backup.before_migrate = true in strata.toml).")
    var backup = false

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let version = try target.map { text throws(StrataError) in try VersionArgument.parse(text, flag: "--to") }
        let printer = ProgressPrinter(quiet: global.quiet)
        if !dryRun,
            await UpToDateCheck.appliedStatuses(context, options: try context.migratorOptions(dryRun: false, interruptible: false)) != nil
        {
            printer.summary("Nothing to migrate: the database is up to date.")
            return
        }
        let catalog = try context.loadCatalog()
        let migrations = catalog.migrations
        var options = try context.migratorOptions(dryRun: dryRun, interruptible: true)
        options.allowOutOfOrder = allowOutOfOrder
        let clock = ContinuousClock()
        let start = clock.now
        let lint = noLint ? nil : try LintAdapter(context: context)
        let enforce = enforceLint || context.configuration["lint.enforce"] == "true"
        let preflight = try PreflightGate(context: context, maxLockTime: maxLockTime, quiet: global.quiet)
        let wantsBackup = try backup || context.require(Settings.backupBeforeMigrate)
        let summary = try await context.withSession { session throws(StrataError) in
            let migrator = await Migrator.adapted(to: session, options: options, progress: printer.callback)
            let history = try await migrator.history(in: session)
            let planner = MigrationPlanner(migrations: migrations, history: history)
            if let version, !planner.knows(version) {
                throw StrataError(.usage, "--to \(version): no migration has this version", hint: "see strata status")
            }
            // A skipped file was linted when it was first pending: it is a decision, not new work.
            let pending = planner.migrationsToApply(upTo: version).filter { $0.state != .skipped }.compactMap(\.migration)
            if let lint, !pending.isEmpty {
                try LintGate.check(
                    pending, with: lint.targeting(serverMajorVersion: await session.serverMajorVersion()),
                    enforce: enforce, quiet: global.quiet, verbose: global.verbose)
            }
            if !dryRun { try await preflight.run(pending, on: session) }
            if wantsBackup, !dryRun, !pending.isEmpty {
                try await BackupTaking.beforeMigrate(context, session: session, quiet: global.quiet)
            }
            return try await migrator.migrate(catalog, to: version, knownHistory: history)
        }
        if dryRun {
            if summary.done.isEmpty && summary.repeatables.isEmpty { printer.summary("-- dry run: nothing would be applied") }
            return
        }
        let elapsed = (clock.now - start).wholeMilliseconds
        if summary.done.isEmpty && summary.skipped.isEmpty && summary.repeatables.isEmpty {
            let still = summary.stillSkipped.map(\.rawValue)
            printer.summary(
                "Nothing to migrate: the database is up to date"
                    + (still.isEmpty ? "." : " (still skipped, their extension is missing: \(still.joined(separator: ", "))).")
            )
        } else {
            var text = "Applied \(summary.done.count) migration\(summary.done.count == 1 ? "" : "s")"
            if !summary.repeatables.isEmpty {
                text += " and \(summary.repeatables.count) repeatable\(summary.repeatables.count == 1 ? "" : "s")"
            }
            if !summary.skipped.isEmpty { text += ", skipped \(summary.skipped.count)" }
            printer.summary(text + " in \(elapsed) ms.")
        }
    }
}
