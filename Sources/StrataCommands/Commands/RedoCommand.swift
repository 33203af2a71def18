import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata redo`: reverts the last applied migration and applies it again.
struct RedoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redo", abstract: "Revert the last applied migration and apply it again (to test its down section).")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let migrations = try context.loadMigrations()
        let printer = ProgressPrinter(quiet: global.quiet)
        let options = try context.migratorOptions(interruptible: true)
        try await context.withSession { session throws(StrataError) in
            try await Migrator.adapted(to: session, options: options, progress: printer.callback).redo(migrations)
        }
    }
}
