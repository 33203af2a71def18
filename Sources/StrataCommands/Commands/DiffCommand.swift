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
}
