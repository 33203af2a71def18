import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata diff` (alias `drift`): the database against what its migration folder builds on a shadow database.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the database with what the migration folder builds on a shadow database; exit 4 on any difference.",
        discussion: """
            Applies the whole folder to an empty shadow database (a throw-away one on the embedded server, or \
            --shadow-url), dumps both schemas like strata dump, and compares them object by object (tables with \
            their columns, constraints, indexes, views, functions, triggers, policies, sequences, types, \
            extensions). "only in the database" is an object made by hand (or a migration missing from the folder); \
            "only in the migrations" one dropped by hand (or a pending migration); "changed" lists the lines only \
            the database has (+) and only the migrations have (-).
            """,
        aliases: ["drift"])

    @Option(
        name: .customLong("shadow-url"),
        help: ArgumentHelp("An empty database to use as the shadow (default: a throw-away one on the embedded server).",
                           valueName: "url"))
    var shadowURL: String?

    @Flag(help: "Print the differences as JSON.")
    var json = false

    @Option(help: ArgumentHelp(
        "Write the differences as a new migration NAME (up: what the database has that the folder does not; down: undo).",
        valueName: "name"))
    var write: String?

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let catalog = try context.loadCatalog()
        let options = try context.migratorOptions()
        let target = try await DatabaseTarget.resolve(context)
        let database = try await context.withSession { session throws(StrataError) in
            try await SchemaDumper.schemaText(
                settings: target.settings, session: session, history: HistoryTable(schema: context.schema),
                listingApplied: false, environment: context.environment, logger: context.logger)
        }
        let folderSchema = try await ShadowDatabase.with(context, shadowURL: shadowURL) { shadow throws(StrataError) in
            try await ShadowSchema.build(
                catalog, shadow: shadow, options: options, environment: context.environment, logger: context.logger)
        }
        let differences = SchemaObjectDiff.compare(database: database, folder: folderSchema)
        if let write, !differences.isEmpty {
            let sections = try SchemaFixMigration.sections(database: database, folder: folderSchema)
            let path = try Self.writeMigration(
                sections, name: write, folder: context.migrationsDirectory, count: differences.count)
            if !global.quiet {
                Console.standardOutput.write(
                    "wrote \(path): \(sections.up.count) statements up, \(sections.down.count) down, for \(differences.count) difference\(differences.count == 1 ? "" : "s")\n"
                        + "the database already has these changes: record it there with 'strata repair --mark-applied \((path as NSString).lastPathComponent.split(separator: "_").first ?? "")'")
            }
            return
        }
        if json {
            let items: [[String: Any]] = differences.map { difference in
                var item: [String: Any] = [
                    "kind": difference.kind, "schema": difference.schema, "name": difference.name,
                    "change": difference.change == .changed ? "changed"
                        : difference.change == .onlyInDatabase ? "only-in-database" : "only-in-migrations",
                ]
                if let lines = difference.lines { item["databaseLines"] = lines.added; item["migrationLines"] = lines.removed }
                return item
            }
            let data = (try? JSONSerialization.data(
                withJSONObject: ["differences": items], options: [.prettyPrinted, .sortedKeys])) ?? Data()
            Console.standardOutput.write(String(decoding: data, as: UTF8.self))
        } else if differences.isEmpty {
            if !global.quiet { Console.standardOutput.write("The database matches the migration folder.") }
        } else {
            for difference in differences {
                Console.standardOutput.write("\(difference.title): \(difference.change.rawValue)")
                if let lines = difference.lines {
                    Console.standardOutput.write(lines.rendered().split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
                }
            }
        }
        guard differences.isEmpty else {
            throw StrataError(
                .validation,
                "\(differences.count) difference\(differences.count == 1 ? "" : "s") between the database and the migration folder",
                hint: "a change made by hand belongs in a migration; `strata status` shows pending migrations")
        }
    }

    /// Writes `sections` as the next migration of `folder`, named `name`; returns its path.
    static func writeMigration(
        _ sections: SchemaFixMigration.Sections, name: String, folder: String, count: Int
    ) throws(StrataError) -> String {
        let slug = Templates.slug(name)
        guard !slug.isEmpty else { throw StrataError(.usage, "--write '\(name)' gives an empty file name") }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let version = NewMigrationVersion.next(
            existing: existing.compactMap { MigrationFolder.identity(ofFileName: $0)?.version }, now: Date(), format: nil)
        let path = (folder as NSString).appendingPathComponent("\(version)_\(slug).sql")
        let reason = "Written by `strata diff --write`: \(count) change\(count == 1 ? "" : "s") made to the database by hand."
        try FileWriting.write(SchemaFixMigration.file(sections, reason: reason), to: path)
        return path
    }
}
