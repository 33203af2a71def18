import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata status`: a table (or JSON) of every migration's state.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each migration: applied, pending, missing, changed, failed, partial or skipped.")

    @Flag(help: "Print one JSON object: {\"migrations\":[{version,name,state,applied_at,checksum}]}.")
    var json = false

    @Flag(name: .customLong("exit-code"), help: "Exit with 4 when anything is not applied (pending, changed, missing, …).")
    var exitCode = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let migrations = try context.loadMigrations()
        let options = try context.migratorOptions()
        let statuses = try await context.withSession { session throws(StrataError) in
            try await Migrator(session: session, options: options).status(of: migrations)
        }
        if json {
            Console.standardOutput.write(StatusRendering.json(statuses))
        } else if !global.quiet {
            Console.standardOutput.write(StatusRendering.table(statuses, color: Console.standardOutput.supportsColor))
        }
        if exitCode, statuses.contains(where: { $0.state != .applied }) {
            throw ExitCommandStatus(status: .validation)
        }
    }
}
