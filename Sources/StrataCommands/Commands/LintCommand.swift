import ArgumentParser
import Foundation
import StrataCore
import StrataLint
import StrataPostgres

/// `strata lint`: risky-DDL rules over migration files.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check migrations for statements that would lock or break production (exit 6 on error findings).",
        discussion: """
            With paths, lints those files or folders. Without, lints the pending migrations of the configured \
            folder when a database is configured, else every file in it. Rules: docs/rules/. Suppress with \
            '-- strata:nolint rule-id' (or squawk's '-- squawk-ignore rule-id') on the line before a statement, \
            or at the top of a file.
            """)

    @Argument(help: "Migration files or folders (default: the migrations folder).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Output: text, json, github or sarif.", valueName: "format"))
    var format: String = "text"

    @Option(name: .customLong("pg-version"), help: ArgumentHelp("Target PostgreSQL major version (default 15).", valueName: "n"))
    var pgVersion: Int?

    @Option(
        name: [.customLong("disable"), .customLong("exclude")],
        help: ArgumentHelp("Rule ids to switch off, comma-separated (squawk's ids are accepted).", valueName: "ids"))
    var disable: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard let outputFormat = LintOutputFormat(rawValue: format) else {
            throw StrataError(.usage, "--format must be one of text, json, github, sarif")
        }
        let context = try ProjectContext(options: global)
        let adapter = try LintAdapter(
            context: context, disabled: (disable ?? "").split(separator: ",").map { String($0) }, pgVersion: pgVersion)
        let (migrations, serverVersion) = try await selectMigrations(context)
        var report = try adapter.targeting(serverMajorVersion: serverVersion).lint(migrations)
        if context.hasConfiguredDatabase {
            do {
                report = try await weigh(report, migrations, adapter, context)
            } catch {
                Console.standardError.write("warning: findings are not weighed by table size: \(error.message)")
            }
        }
        let text = outputFormat.formatter(useColor: Console.standardOutput.supportsColor).format(report)
        if !text.isEmpty { Console.standardOutput.write(text) }
        if report.hasErrors { throw ExitCommandStatus(status: .lintFindings) }
    }

    /// Weighs size-sensitive findings by the catalog's table sizes (see `LintWeighting`).
    private func weigh(
        _ report: LintReport, _ migrations: [Migration], _ adapter: LintAdapter, _ context: ProjectContext
    ) async throws(StrataError) -> LintReport {
        let planned = try PreflightCheck(lint: adapter).plan(migrations)
        let tables = Array(Set(planned.flatMap { $0.statements.flatMap(\.touches) }.map(\.table))).sorted()
        let facts = try await context.withSession { session throws(StrataError) in
            try await PreflightCatalog(session: session).tableFacts(tables)
        }
        return LintWeighting.weigh(report, paths: migrations.map(\.path), planned: planned, facts: facts)
    }

    /// The files to lint and, when a database is configured and no paths are given, its major version.
    private func selectMigrations(_ context: ProjectContext) async throws(StrataError) -> ([Migration], Int?) {
        if !paths.isEmpty {
            var migrations: [Migration] = []
            for path in paths { migrations += try MigrationSources.load(path: path) }
            return (migrations, nil)
        }
        let all = try context.loadMigrations()
        guard context.hasConfiguredDatabase else { return (all, nil) }
        let options = try context.migratorOptions()
        let (statuses, version) = try await context.withSession { session throws(StrataError) in
            (try await StrataPostgres.Migrator(session: session, options: options).status(of: all),
             await session.serverMajorVersion())
        }
        let pending = Set(statuses.filter { [.pending, .skipped, .partial, .failed].contains($0.state) }.map(\.version))
        return (all.filter { pending.contains($0.version) }, version)
    }
}
