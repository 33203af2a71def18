/// Reads a folder of one-file migrations with another tool's annotations (dbmate, goose, sql-migrate): one
/// `<version>_<name>.sql` per migration.
public enum AnnotatedFolderReader {
    /// The migrations of the folder, read with `dialect`.
    public static func read(_ listing: FolderListing, dialect: AnnotationDialect) throws(StrataError) -> [Migration] {
        var migrations: [Migration] = []
        var seen: [MigrationVersion: String] = [:]
        for entry in listing.entries where !entry.isDirectory {
            if dialect.format == .goose, entry.name.hasSuffix(".go"),
                FileNameParsing.versionAndName(entry.name.dropLast(3)) != nil
            {
                throw StrataError(
                    .invalidMigration, "goose Go migrations cannot run outside a Go program",
                    location: FileLocation(path: entry.path, line: 1),
                    hint: "rewrite it as a SQL migration, or apply it with goose and then 'strata adopt --from goose'")
            }
            guard entry.name.hasSuffix(".sql"), !FolderListing.isScript(entry.name) else { continue }
            guard let identity = FileNameParsing.versionAndName(entry.name.dropLast(4)) else {
                throw StrataError(
                    .invalidMigration, "the file name '\(entry.name)' does not start with a version",
                    location: FileLocation(path: entry.path, line: 1),
                    hint: "name \(dialect.format) migrations <version>_<name>.sql")
            }
            if let other = seen[identity.version] {
                throw StrataError(
                    .invalidMigration, "two migrations have version \(identity.version): '\(other)' and '\(entry.path)'",
                    location: FileLocation(path: entry.path, line: 1), hint: "give one of them a new version")
            }
            seen[identity.version] = entry.path
            migrations.append(try AnnotatedFileParser.parse(
                try MigrationFileText.read(entry.path), version: identity.version, name: identity.name, dialect: dialect))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
