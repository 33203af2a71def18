/// Reads the files every format may hold besides migrations: repeatable `R__<name>.sql` and the
/// `beforeMigrate.sql` / `afterMigrate.sql` hooks (plus hook paths from configuration).
public enum ScriptReader {
    /// Repeatable migrations among `files`, ordered by name. A statement that cannot run in a transaction (or
    /// `-- strata:no-transaction`) makes one run statement by statement.
    public static func repeatables(
        _ files: [FolderListing.Entry], placeholders: PlaceholderExpander?
    ) throws(StrataError) -> [RepeatableMigration] {
        var result: [RepeatableMigration] = []
        var seen: [String: String] = [:]
        for entry in files where entry.name.hasPrefix("R__") && entry.name.hasSuffix(".sql") {
            let name = String(entry.name.dropFirst(3).dropLast(4))
            if let other = seen[name] {
                throw StrataError(
                    .invalidMigration, "two repeatable migrations are named '\(name)': '\(other)' and '\(entry.path)'",
                    location: FileLocation(path: entry.path, line: 1))
            }
            seen[name] = entry.path
            let file = try MigrationFileText.read(entry.path)
            let section = try self.section(file, placeholders: placeholders)
            let noTransaction = ForeignSectionRules.needsNoTransaction(section)
                || ForeignSectionRules.directives(in: file.text).contains { $0.name == "no-transaction" }
            result.append(RepeatableMigration(
                name: name, path: entry.path, up: section,
                transactionMode: noTransaction ? .nonTransactional : .transactional, checksum: file.checksum()))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The hook scripts at `paths` (in order).
    public static func hooks(_ paths: [String], placeholders: PlaceholderExpander?) throws(StrataError) -> [SQLScript] {
        var result: [SQLScript] = []
        for path in paths {
            guard FileManagerProbe.isFile(path) else {
                throw StrataError(
                    .configuration, "the hook file '\(path)' does not exist",
                    hint: "fix hooks.before_migrate / hooks.after_migrate in strata.toml")
            }
            let file = try MigrationFileText.read(path)
            result.append(SQLScript(path: path, sql: try section(file, placeholders: placeholders)))
        }
        return result
    }

    private static func section(
        _ file: MigrationFileText, placeholders: PlaceholderExpander?
    ) throws(StrataError) -> MigrationSection {
        guard let placeholders else { return file.wholeSection }
        return MigrationSection(sql: try placeholders.expand(file.text, path: file.path), origin: .start)
    }
}
