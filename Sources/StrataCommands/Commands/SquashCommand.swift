import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata squash --to V`: every migration up to V replaced by one file holding the schema they build.
struct SquashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "squash",
        abstract: "Replace every migration up to a version by one file with the schema they build (history kept valid).",
        discussion: """
            The folder is applied up to --to on a shadow database and its schema (pg_dump --schema-only, without \
            Strata's schema) becomes the up section of V_squash.sql, with one '-- strata:squash VERSION CHECKSUM' \
            line per replaced file. A database that applied the old files sees the squash as applied; a new \
            database runs it instead of them; validate passes on both. The squash is applied alone to a second \
            shadow and must build the same schema, or nothing is written. The old files move to squashed/ (kept, \
            never run). Refused when a replaced file changes rows (INSERT, UPDATE, DELETE, COPY, MERGE: a schema \
            dump would lose them; move that data to a seed set, or --allow-data), or was skipped on the shadow.

            Exit codes: 0 squashed, 2 usage or refused, 3 connection, 4 the squash would not build the same schema.
            """)

    @Option(name: .customLong("to"), help: ArgumentHelp("The newest version to squash (included).", valueName: "version"))
    var target: String

    @Option(
        name: .customLong("shadow-url"),
        help: ArgumentHelp("An empty database to use as the shadow (default: a throw-away one on the embedded server).",
                           valueName: "url"))
    var shadowURL: String?

    @Option(
        name: .customLong("verify-url"),
        help: ArgumentHelp("With --shadow-url: a second empty database on which the squash alone is proved (default: none, not proved).",
                           valueName: "url"))
    var verifyURL: String?

    @Flag(name: .customLong("allow-data"), help: "Squash files that change rows too (their data is not in the squash).")
    var allowData = false

    @Flag(name: .customLong("dry-run"), help: "Build and prove the squash, print what would change; write nothing.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let folder = context.migrationsDirectory
        let format = try context.migrationFormat() ?? MigrationFormatDetector.detect(try FolderListing.read(folder))
        guard format == .native else {
            throw StrataError(.usage, "squash writes native Strata files; \(folder) is a \(format.rawValue) folder",
                              hint: "convert it first ('strata convert'), then squash")
        }
        let version = try VersionArgument.parse(target, flag: "--to")
        let catalog = try context.loadCatalog()
        let replaced = catalog.migrations.filter { $0.version <= version }
        guard replaced.contains(where: { $0.version == version }) else {
            throw StrataError(.usage, "--to \(version): no migration has this version", hint: "'strata status' lists them")
        }
        guard replaced.count > 1 else { throw StrataError(.usage, "--to \(version): there is only one migration to squash") }
        if !allowData, let found = try SquashFile.firstDataStatement(in: replaced) {
            throw StrataError(
                .usage, "\(found.verb) changes rows; a squash keeps only the schema, so new databases would miss them",
                location: FileLocation(path: found.migration.path, line: found.line),
                hint: "move that data to a seed set (db/seeds), squash below this file, or pass --allow-data")
        }
        let options = try context.migratorOptions()
        let environment = context.environment
        let logger = context.logger
        let built = try await ShadowDatabase.with(context, shadowURL: shadowURL) { shadow throws(StrataError) in
            try await ShadowSquash.schema(
                of: catalog, upTo: version, shadow: shadow, options: options, environment: environment, logger: logger)
        }
        let text = SquashFile.text(replacing: replaced, schemaSQL: SquashFile.schemaSQL(fromDump: built.dump))
        let name = "\(version)_squash.sql"
        let path = (folder as NSString).appendingPathComponent(name)
        let squash = try NativeMigrationParser.parse(path: path, version: version, name: "squash", bytes: Array(text.utf8))
        var proved = false
        if shadowURL == nil || verifyURL != nil {
            let rebuilt = try await ShadowDatabase.with(context, shadowURL: verifyURL) { shadow throws(StrataError) in
                try await ShadowSquash.schema(of: squash, shadow: shadow, options: options, environment: environment, logger: logger)
            }
            if let difference = SchemaDumpText.firstDifference(expected: built.normalized, actual: rebuilt) {
                throw StrataError(
                    .validation, "the squash does not build the same schema as the \(replaced.count) files (line \(difference.line))",
                    detail: "files:  \(difference.expected ?? "(end)")\nsquash: \(difference.actual ?? "(end)")",
                    hint: "nothing was written; report this with the two lines above")
            }
            proved = true
        }
        let moves = replaced.flatMap { migration in Set([migration.path, migration.downPath]).sorted() }
        if dryRun {
            Console.standardOutput.write(
                "would write \(path) (\(text.utf8.count) bytes) replacing \(replaced.count) migrations, and move \(moves.count) files to \(folder)/squashed/")
            return
        }
        try Self.write(text, to: path, moving: moves, into: (folder as NSString).appendingPathComponent("squashed"))
        if !global.quiet {
            Console.standardOutput.write(
                "squashed \(replaced.count) migrations (\(replaced.first?.version.rawValue ?? "") … \(version)) into \(path)"
                    + (proved ? "; applied alone on a shadow it builds the same schema" : "; not proved (give --verify-url)")
                    + "\nmoved \(moves.count) files to \(folder)/squashed/ (kept for reference, never run)")
        }
    }

    /// Writes the squash beside the folder's files as a hidden file first (the reader skips dot files), moves the old
    /// files out, then renames the squash into place; a failure on the way moves back what was moved and removes
    /// the hidden file, so the folder is never left without the migrations it had.
    static func write(_ text: String, to path: String, moving files: [String], into archive: String) throws(StrataError) {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        let pending = (folder as NSString).appendingPathComponent("." + (path as NSString).lastPathComponent + ".tmp")
        func destination(_ file: String) -> String { (archive as NSString).appendingPathComponent((file as NSString).lastPathComponent) }
        for file in files where manager.fileExists(atPath: destination(file)) {
            throw StrataError(.usage, "\(destination(file)) exists already; nothing was changed", hint: "move it away first")
        }
        var moved: [String] = []
        do {
            try text.write(toFile: pending, atomically: true, encoding: .utf8)
            try manager.createDirectory(atPath: archive, withIntermediateDirectories: true)
            for file in files {
                try manager.moveItem(atPath: file, toPath: destination(file))
                moved.append(file)
            }
            try manager.moveItem(atPath: pending, toPath: path)
        } catch {
            for file in moved.reversed() { try? manager.moveItem(atPath: destination(file), toPath: file) }
            try? manager.removeItem(atPath: pending)
            throw StrataError(.io, "cannot write the squash \(path); the folder is as it was", detail: "\(error)")
        }
    }
}
