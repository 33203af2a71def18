import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata status`: a table (or JSON) of every migration's state.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each migration: applied, pending, missing, changed, failed, partial or skipped.")

    @Flag(help: "Print one JSON object: {\"migrations\":[{version,name,state,applied_at,checksum}],\"repeatables\":[{name,state,checksum}]}.")
    var json = false

    @Flag(name: .customLong("exit-code"), help: "Exit with 4 when anything is not applied (pending, changed, missing, a due repeatable, …); a file skipped for a missing extension counts as done.")
    var exitCode = false

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let options = try context.migratorOptions()
        let statuses: [MigrationStatus]
        let repeatables: [(RepeatableMigration, Bool)]
        if let applied = await UpToDateCheck.appliedStatuses(context, options: options) {
            (statuses, repeatables) = (applied, [])
        } else {
            let catalog = try context.loadCatalog()
            let migrations = catalog.migrations
            (statuses, repeatables) = try await context.withSession { session throws(StrataError) in
                let migrator = Migrator(session: session, options: options)
                return (try await migrator.status(of: migrations), try await migrator.repeatableStatus(of: catalog))
            }
        }
        if json {
            Console.standardOutput.write(StatusRendering.json(statuses, repeatables: repeatables))
        } else if !global.quiet {
            Console.standardOutput.write(StatusRendering.table(statuses, color: Console.standardOutput.supportsColor))
            for (repeatable, upToDate) in repeatables {
                Console.standardOutput.write(
                    "repeatable R__\(repeatable.name): \(upToDate ? "applied" : "pending (new or changed)")")
            }
        }
        if exitCode, statuses.contains(where: { $0.state != .applied && $0.state != .skipped }) || repeatables.contains(where: { !$0.1 }) {
            throw ExitCommandStatus(status: .validation)
        }
    }
}
