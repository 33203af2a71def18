import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata repair`: realigns the history with the folder after a deliberate edit or a manual fix.
struct RepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Realign recorded checksums after a deliberate edit, and clear failed or partial rows after a manual fix.",
        discussion: """
            Without options: an applied file that was edited gets its new checksum recorded; a failed or partial \
            no-transaction file that was edited keeps its progress, so the next migrate resumes at the failed statement. \
            --mark-applied V: you finished V by hand. --forget V: remove V's failed, partial, skipped or missing row \
            (after undoing its partial effects), so it runs again from its first statement. Every change is logged in \
            strata.events.
            """)

    @Option(name: .customLong("mark-applied"), help: ArgumentHelp("A failed or partial version finished by hand, or a pending one whose changes the database has.", valueName: "version"))
    var markApplied: [String] = []

    @Option(help: ArgumentHelp("A failed, partial, skipped or missing version to remove from the history.", valueName: "version"))
    var forget: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Print what would change; change nothing.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let applied = try markApplied.map { text throws(StrataError) in try VersionArgument.parse(text, flag: "--mark-applied") }
        let forgotten = try forget.map { text throws(StrataError) in try VersionArgument.parse(text, flag: "--forget") }
        let migrations = try context.loadMigrations()
        let options = try context.migratorOptions(dryRun: dryRun, interruptible: true)
        let actions = try await context.withSession { session throws(StrataError) in
            try await Migrator(session: session, options: options).repair(migrations, markApplied: applied, forget: forgotten)
        }
        guard !global.quiet else { return }
        if actions.isEmpty {
            Console.standardOutput.write("Nothing to repair: the history matches the folder.")
            return
        }
        for action in actions { Console.standardOutput.write((dryRun ? "-- would: " : "repaired: ") + action.description) }
    }
}
