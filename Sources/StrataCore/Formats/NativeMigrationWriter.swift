/// Writes migrations of any format as Strata's native files (docs/file-format.md): one `<version>_<name>.sql` per
/// version with `-- strata:up` and `-- strata:down` sections, `-- strata:no-transaction` where the source said so.
/// Repeatable migrations and hooks keep their file names (`R__<name>.sql`, `beforeMigrate.sql`, `afterMigrate.sql`).
/// Flyway placeholders are written with the values in effect.
public enum NativeMigrationWriter {
    /// One file to write: its name in the output folder and its text.
    public struct OutputFile: Sendable, Hashable {
        /// The file name.
        public var name: String
        /// The file's text.
        public var text: String
    }

    /// The files for `catalog`.
    public static func files(for catalog: MigrationCatalog) throws(StrataError) -> [OutputFile] {
        var output: [OutputFile] = []
        var names = Set<String>()
        for migration in catalog.migrations {
            let name = fileName(migration)
            guard names.insert(name).inserted else {
                throw StrataError(.invalidMigration, "two migrations would both be written as '\(name)'",
                    location: FileLocation(path: migration.path, line: 1))
            }
            output.append(OutputFile(name: name, text: text(of: migration, from: catalog.format)))
        }
        for repeatable in catalog.repeatables {
            var text = header(repeatable.path, catalog.format)
            if repeatable.transactionMode == .nonTransactional { text += "-- strata:no-transaction\n" }
            output.append(OutputFile(name: "R__\(repeatable.name).sql", text: text + body(repeatable.up)))
        }
        for (name, scripts) in [("beforeMigrate.sql", catalog.beforeMigrate), ("afterMigrate.sql", catalog.afterMigrate)] {
            guard !scripts.isEmpty else { continue }
            output.append(OutputFile(name: name, text: scripts.map { body($0.sql) }.joined(separator: "\n")))
        }
        return output
    }

    /// `<version>_<name>.sql`, the version as written in the source (`0001`, `1.2`).
    public static func fileName(_ migration: Migration) -> String {
        let safeName = migration.name.map { $0 == "/" || $0 == "\\" ? "_" : $0 }
        return migration.name.isEmpty ? "\(migration.version.rawValue).sql" : "\(migration.version.rawValue)_\(String(safeName)).sql"
    }

    /// The native text of one migration.
    public static func text(of migration: Migration, from format: MigrationFormat) -> String {
        var text = header(migration.path, format)
        if migration.transactionMode == .nonTransactional { text += "-- strata:no-transaction\n" }
        text += "-- strata:up\n"
        let up = body(migration.up)
        text += migration.up.isEmpty ? "SELECT 1; -- the source's up section was empty (a no-op)\n" + up : up
        if let down = migration.down {
            text += "-- strata:down\n" + body(down)
        }
        return text
    }

    private static func header(_ path: String, _ format: MigrationFormat) -> String {
        "-- Converted from \(format): \(path.split(separator: "/").suffix(2).joined(separator: "/"))\n"
    }

    /// The section's SQL with its outer blank lines trimmed and one final newline.
    private static func body(_ section: MigrationSection) -> String {
        var lines = section.sql.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingSpaces().isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingSpaces().isEmpty { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
