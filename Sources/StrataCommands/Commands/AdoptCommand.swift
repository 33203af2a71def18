import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata adopt --from TOOL`: takes over a database another tool migrated, without re-running anything.
struct AdoptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Record the migrations another tool applied (from its history table) as applied in Strata's history.",
        discussion: """
            Reads flyway_schema_history (flyway), schema_migrations (golang-migrate, dbmate), goose_db_version (goose), \
            gorp_migrations (sql-migrate) or __diesel_schema_migrations (diesel), records the same versions with the \
            checksums of the files on disk, in one transaction, and logs an 'adopt' event. Refuses a dirty or failed \
            history. The other tool's table is left as it is. Afterwards strata status shows them applied and \
            strata migrate runs only what is new.
            """)

    @Option(name: .customLong("from"), help: ArgumentHelp(
        "The tool: flyway, golang-migrate, dbmate, goose, sql-migrate or diesel.", valueName: "tool"))
    var tool: String

    @Option(help: ArgumentHelp("The tool's history table if it is not the default (may be SCHEMA.NAME).", valueName: "name"))
    var table: String?

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        var context = try ProjectContext(options: global, folder: folder)
        guard let format = MigrationFormat(named: tool), format != .native else {
            throw StrataError(
                .usage, "--from \(tool): not a tool Strata adopts",
                hint: "use one of: flyway, golang-migrate, dbmate, goose, sql-migrate, diesel")
        }
        if try context.migrationFormat() == nil { context.formatFlag = format.rawValue }
        let catalog = try context.loadCatalog()
        let options = try context.migratorOptions()
        let result = try await context.withSession { session throws(StrataError) in
            try await Adopter(session: session, options: options).adopt(from: format, catalog: catalog, table: table)
        }
        for warning in result.warnings { Console.standardError.write("warning: \(warning)") }
        guard !global.quiet else { return }
        var text = "Adopted \(result.applied.count) migration\(result.applied.count == 1 ? "" : "s") from \(result.table)"
        if !result.baselined.isEmpty { text += ", \(result.baselined.count) below its baseline" }
        if !result.repeatables.isEmpty { text += ", \(result.repeatables.count) repeatable\(result.repeatables.count == 1 ? "" : "s")" }
        if let last = result.applied.last { text += " (up to \(last))" }
        Console.standardOutput.write(text + ". strata migrate now runs only what is new.")
    }
}
