import ArgumentParser
import Foundation
import Logging
import StrataCore
import StrataPostgres

/// `strata fleet migrate|status|validate`: the same folder on many databases and tenant schemas.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Run migrate, status or validate on every target of fleet.toml, N at a time.",
        discussion: """
            fleet.toml holds one [[target]] per database: name, url_env (or url), group, and schemas = [...] for \
            one target per tenant schema (migrations run with search_path set to it; its history lives in \
            strata_<schema>). A target that fails does not stop the others unless --fail-fast. Exit codes: 0 every \
            target done, 1 some failed (named on standard error), 2 a bad targets file or flags.
            """,
        subcommands: [FleetMigrateCommand.self, FleetStatusCommand.self, FleetValidateCommand.self])
}

/// What the three fleet commands share: plan, run, print, exit.
enum FleetExecution {
    static func run(
        global: GlobalOptions, folder: FolderOptions, fleet: FleetOptions, interruptible: Bool,
        work: @escaping @Sendable (DatabaseSession, MigratorOptions, Logger, MigrationCatalog, FleetTarget) async throws(StrataError) -> (Int, String)
    ) async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let plan = try fleet.plan()
        let catalog = try context.loadCatalog()
        let options = try context.migratorOptions(interruptible: interruptible)
        let printer = FleetPrinter(json: fleet.json, quiet: global.quiet)
        let session = FleetTargetSession(context: context)
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = await fleet.runner.run(plan, report: { printer.report($0) }) { target in
            await session.outcome(of: target, options: options) { connection, targetOptions, logger throws(StrataError) in
                try await work(connection, targetOptions, logger, catalog, target)
            }
        }
        printer.summary(outcomes, milliseconds: (clock.now - start).wholeMilliseconds)
        if outcomes.contains(where: { $0.state != .done }) { throw ExitCommandStatus(status: .failure) }
    }
}

/// `strata fleet migrate`.
struct FleetMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending migrations on every target (a tenant schema is created when missing).")

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var folder: FolderOptions

    func run() async throws {
        try await FleetExecution.run(global: global, folder: folder, fleet: fleet, interruptible: true) {
            session, options, _, catalog, target throws(StrataError) in
            if let schema = target.schema {
                try await session.run("CREATE SCHEMA IF NOT EXISTS \(unescaped: SQLIdentifier.quoted(schema))")
            }
            let summary = try await Migrator.adapted(to: session, options: options).migrate(catalog)
            let applied = summary.done.count
            return (applied, applied == 0 && summary.repeatables.isEmpty ? "up to date" : "applied \(applied)"
                + (summary.repeatables.isEmpty ? "" : " and \(summary.repeatables.count) repeatable(s)"))
        }
    }
}

/// `strata fleet status`.
struct FleetStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Count what is not applied on every target.")

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var folder: FolderOptions

    func run() async throws {
        try await FleetExecution.run(global: global, folder: folder, fleet: fleet, interruptible: false) {
            session, options, _, catalog, _ throws(StrataError) in
            let statuses = try await Migrator(session: session, options: options).status(of: catalog.migrations)
            let behind = statuses.filter { $0.state != .applied && $0.state != .skipped }
            let current = statuses.last { $0.state == .applied }.map { " at \($0.version)" } ?? ""
            return (behind.count, behind.isEmpty ? "up to date\(current)" : "\(behind.count) not applied\(current)")
        }
    }
}

/// `strata fleet validate`.
struct FleetValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate checksums and order on every target; a target with problems fails.")

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var folder: FolderOptions

    func run() async throws {
        try await FleetExecution.run(global: global, folder: folder, fleet: fleet, interruptible: false) {
            session, options, _, catalog, _ throws(StrataError) in
            let problems = try await Migrator(session: session, options: options).validate(catalog.migrations)
            guard problems.isEmpty else {
                throw StrataError(.validation, problems.map(\.description).joined(separator: "; "))
            }
            return (0, "valid")
        }
    }
}
