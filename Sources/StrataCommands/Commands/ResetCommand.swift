import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata reset`: drop and recreate the database, then setup. Refused unless the target is the embedded default
/// or `--force --confirm NAME` names the database.
struct ResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Drop the database, create it again, migrate and seed (embedded default, or --force --confirm NAME).",
        discussion: """
            Destroys every row. Runs without questions on the embedded server (a private local database); on any \
            configured database it is refused unless --force is given together with --confirm and the database's \
            name typed again.
            """)

    @Flag(help: "Allow dropping a configured database (needs --confirm NAME too).")
    var force = false

    @Option(help: ArgumentHelp("The database's name, typed again, with --force.", valueName: "name"))
    var confirm: String?

    @OptionGroup var seedOptions: SeedOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let settings: ConnectionSettings
        if let configured = try await DatabaseSetup.configuredSettings(context) {
            try Self.authorize(database: configured.database, target: configured.redactedURL, force: force, confirm: confirm)
            settings = configured
        } else {
            settings = try await DatabaseTarget.resolve(context).settings
        }
        try await DatabaseProvisioner.recreate(settings, logger: context.logger)
        if !global.quiet { Console.standardOutput.write("recreated database \(settings.database)") }
        try await DatabaseSetup.migrateAndSeed(context, seedOptions: seedOptions, quiet: global.quiet)
    }

    /// Refuses (exit 2) unless `force` is set and `confirm` equals the database's name.
    static func authorize(database: String, target: String, force: Bool, confirm: String?) throws(StrataError) {
        guard force else {
            throw StrataError(
                .refused, "refusing to reset \(target): it is not the embedded default database",
                hint: "reset drops every table and row; to go on, run again with --force --confirm \(database)")
        }
        guard let confirm else {
            throw StrataError(
                .refused, "--force needs --confirm with the database's name typed again",
                hint: "run again with --force --confirm \(database)")
        }
        guard confirm == database else {
            throw StrataError(
                .refused, "--confirm \(confirm) does not match the database's name, \(database); nothing was dropped",
                hint: "check the URL: reset would drop \(target)")
        }
    }
}
