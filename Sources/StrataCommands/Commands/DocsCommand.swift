import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata docs`: readable documentation of the database, generated from its catalog and history.
struct DocsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write schema.sql, schema.md, indexes.md, migrations.md, rollback_plan.md and index.html (ER diagram) to docs/db.",
        discussion: """
            schema.sql: the schema as strata dump writes it. schema.md: per schema and table its columns (type, nullability, default, comment), keys and checks, \
            indexes (method, size), triggers and row-level security policies, then views, functions and extensions, \
            with a Mermaid erDiagram. indexes.md lists every index; migrations.md the history; rollback_plan.md \
            each applied migration's down section and lint findings, newest first. index.html holds the ER diagram \
            as SVG when Graphviz's dot is installed. A file whose content is unchanged is not rewritten: two runs \
            on the same database change no byte.
            """)

    @Option(help: ArgumentHelp("The folder to write.", valueName: "path"))
    var out = "docs/db"

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let history = HistoryTable(schema: context.schema)
        let target = try await DatabaseTarget.resolve(context)
        let (catalog, entries, database, schemaSQL) = try await context.withSession { session throws(StrataError) in
            let catalog = try await CatalogReader.read(in: session, strataSchema: context.schema)
            let entries = try await history.entries(in: session)
            let rows = try await session.run("SELECT current_database()::text")
            let database = (try? rows.first?.decode(String.self)) ?? "database"
            let schemaSQL = try await SchemaDumper.schemaText(
                settings: target.settings, session: session, history: history, environment: context.environment,
                logger: context.logger)
            return (catalog, entries, database, schemaSQL)
        }
        let documented = try Self.documented(entries, context: context)
        var files: [(String, String)] = [
            ("schema.sql", schemaSQL),
            ("schema.md", SchemaMarkdown.render(catalog, database: database)),
            ("indexes.md", IndexesMarkdown.render(catalog, database: database)),
            ("migrations.md", MigrationsMarkdown.history(documented, database: database)),
            ("rollback_plan.md", MigrationsMarkdown.rollbackPlan(documented, database: database)),
        ]
        var svg: String?
        if let dot = GraphvizRenderer.locate(environment: context.environment) {
            svg = try await GraphvizRenderer.svg(dot: dot, source: ERDiagramDOT.render(catalog))
        } else if !global.quiet {
            Console.standardError.write("note: Graphviz (dot) is not installed; index.html has no diagram (apt-get install graphviz)")
        }
        files.append(("index.html", DocsHTML.render(catalog, database: database, svg: svg)))
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw StrataError(.io, "cannot create \(out)", detail: "\(error)")
        }
        var written: [String] = []
        for (name, text) in files {
            let path = out + "/" + name
            let data = Data(text.utf8)
            if FileManager.default.contents(atPath: path) == data { continue }
            do {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw StrataError(.io, "cannot write \(path)", detail: "\(error)")
            }
            written.append(name)
        }
        if !global.quiet {
            Console.standardOutput.write(
                written.isEmpty
                    ? "\(out) is up to date (\(catalog.tables.count) tables)"
                    : "wrote \(written.joined(separator: ", ")) to \(out) (\(catalog.tables.count) tables)")
        }
    }

    /// The history rows with their files' down sections and lint findings (a missing folder gives none).
    static func documented(_ entries: [HistoryEntry], context: ProjectContext) throws(StrataError) -> [DocumentedMigration] {
        let migrations = (try? context.loadMigrations()) ?? []
        let lint = try? LintAdapter(context: context)
        return entries.map { entry in
            let migration = migrations.first { $0.version == entry.version }
            var findings: [String] = []
            if let migration, let lint, let report = try? lint.lint([migration]) {
                findings = report.findings.map {
                    "`\($0.ruleID)` (\($0.severity.rawValue), line \($0.line)): \($0.message)"
                }
            }
            return DocumentedMigration(
                entry: entry, down: migration?.down?.sql, fileFound: migration != nil, findings: findings)
        }
    }
}
