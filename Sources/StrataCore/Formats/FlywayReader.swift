/// Reads a Flyway folder (searched recursively, as Flyway does): `V<version>__<desc>.sql` versioned migrations,
/// `U<version>__<desc>.sql` undo files as their down, placeholders substituted. A `<file>.sql.conf` with
/// `executeInTransaction=false`, or a statement that cannot run in a transaction, makes the migration run
/// statement by statement, as Flyway does on PostgreSQL.
public enum FlywayReader {
    /// The versioned migrations of the folder.
    public static func read(_ listing: FolderListing, placeholders: PlaceholderExpander) throws(StrataError) -> [Migration] {
        var versioned: [MigrationVersion: (path: String, name: String)] = [:]
        var undo: [MigrationVersion: String] = [:]
        for entry in try files(in: listing) {
            let name = entry.name
            if FolderListing.isScript(name) { continue }
            let stem = name.dropLast(4)
            if let identity = FileNameParsing.flyway(stem, prefix: "V") {
                if let other = versioned[identity.version] {
                    throw duplicate(identity.version, other.path, entry.path)
                }
                versioned[identity.version] = (entry.path, identity.name)
            } else if let identity = FileNameParsing.flyway(stem, prefix: "U") {
                if let other = undo[identity.version] { throw duplicate(identity.version, other, entry.path) }
                undo[identity.version] = entry.path
            } else {
                throw StrataError(
                    .invalidMigration, "'\(name)' is not a Flyway migration name",
                    location: FileLocation(path: entry.path, line: 1),
                    hint: "name it V<version>__<description>.sql, U<version>__<description>.sql or R__<description>.sql")
            }
        }
        for (version, path) in undo where versioned[version] == nil {
            throw StrataError(
                .invalidMigration, "the undo file has no versioned migration V\(version)__….sql",
                location: FileLocation(path: path, line: 1))
        }
        var migrations: [Migration] = []
        for (version, identity) in versioned {
            let file = try MigrationFileText.read(identity.path)
            let undoFile = try undo[version].map { path throws(StrataError) in try MigrationFileText.read(path) }
            let up = MigrationSection(sql: try placeholders.expand(file.text, path: file.path), origin: .start)
            let down = try undoFile.map { undo throws(StrataError) in
                MigrationSection(sql: try placeholders.expand(undo.text, path: undo.path), origin: .start, path: undo.path)
            }
            var migration = Migration(
                version: version, name: identity.name, path: file.path, up: up, down: down,
                directives: ForeignSectionRules.directives(in: file.text), checksum: file.checksum(pairedWith: undoFile))
            if try !executesInTransaction(file.path) || ForeignSectionRules.needsNoTransaction(up)
                || migration.directives.contains(where: { $0.name == "no-transaction" })
            {
                migration.transactionMode = .nonTransactional
            }
            migrations.append(migration)
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// Every `.sql` file of the folder and its subfolders.
    static func files(in listing: FolderListing) throws(StrataError) -> [FolderListing.Entry] {
        var result: [FolderListing.Entry] = []
        for entry in listing.entries {
            if entry.isDirectory {
                result += try files(in: try FolderListing.read(entry.path))
            } else if entry.name.hasSuffix(".sql") {
                result.append(entry)
            }
        }
        return result
    }

    /// False when `<path>.conf` says `executeInTransaction=false`.
    static func executesInTransaction(_ path: String) throws(StrataError) -> Bool {
        let configPath = path + ".conf"
        guard FileManagerProbe.isFile(configPath) else { return true }
        let config = try MigrationFileText.read(configPath)
        for line in config.text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            if parts.count == 2, parts[0] == "executeInTransaction" { return parts[1].lowercased() != "false" }
        }
        return true
    }

    private static func duplicate(_ version: MigrationVersion, _ first: String, _ second: String) -> StrataError {
        StrataError(
            .invalidMigration, "two migrations have version \(version): '\(first)' and '\(second)'",
            location: FileLocation(path: second, line: 1), hint: "give one of them a new version")
    }
}
