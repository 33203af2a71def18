import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata validate`: checksums and ordering.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that applied files are unchanged and present, and that no pending file is out of order (exit 4 on drift).")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let migrations = try context.loadMigrations()
        let options = try context.migratorOptions()
        let problems = try await context.withSession { session throws(StrataError) in
            try await Migrator(session: session, options: options).validate(migrations)
        }
        guard problems.isEmpty else {
            for problem in problems { Console.standardError.write("drift: \(problem)") }
            throw StrataError(
                .validation, "validation failed: \(problems.count) problem\(problems.count == 1 ? "" : "s")",
                hint: "restore changed or missing files from version control; put new changes in new migrations")
        }
        if !global.quiet {
            Console.standardOutput.write("Valid: \(migrations.count) migration file\(migrations.count == 1 ? "" : "s") match the history.")
        }
    }
}
