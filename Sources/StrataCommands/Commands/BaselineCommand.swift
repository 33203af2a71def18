import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata baseline VERSION`: adopts an existing database by marking the files up to VERSION as applied.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Mark the migrations up to VERSION as applied without running them (a database built before Strata).",
        discussion: "Refused when the database already has Strata history. Recorded with state 'baseline' and logged in strata.events.")

    @Argument(help: ArgumentHelp("The last version the database already has.", valueName: "version"))
    var version: String

    @Flag(name: .customLong("dry-run"), help: "List the versions that would be marked; change nothing.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let target = try VersionArgument.parse(version, flag: "baseline")
        let migrations = try context.loadMigrations()
        let options = try context.migratorOptions(dryRun: dryRun, interruptible: true)
        let marked = try await context.withSession { session throws(StrataError) in
            try await Migrator(session: session, options: options).baseline(migrations, at: target)
        }
        guard !global.quiet else { return }
        let list = marked.map(\.rawValue).joined(separator: ", ")
        Console.standardOutput.write(dryRun
            ? "-- dry run: would mark \(marked.count) migration\(marked.count == 1 ? "" : "s") as applied: \(list)"
            : "Baselined at \(target): \(marked.count) migration\(marked.count == 1 ? "" : "s") marked as applied (\(list)).")
    }
}
