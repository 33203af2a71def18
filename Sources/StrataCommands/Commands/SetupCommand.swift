import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata setup`: create the database when missing, migrate, seed.
struct SetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create the database if it does not exist, apply migrations, then seed.",
        discussion: """
            The database named in the URL is created through the server's maintenance database (postgres, else \
            template1) when it does not exist; the role needs CREATEDB for that. With no database configured, the \
            embedded server and its strata_dev database are used. Safe to run again: it only does what is missing.
            """)

    @OptionGroup var seedOptions: SeedOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        if let settings = try await DatabaseSetup.configuredSettings(context) {
            if try await DatabaseProvisioner.createIfMissing(settings, logger: context.logger), !global.quiet {
                Console.standardOutput.write("created database \(settings.database)")
            }
        }
        try await DatabaseSetup.migrateAndSeed(context, seedOptions: seedOptions, quiet: global.quiet)
    }
}
