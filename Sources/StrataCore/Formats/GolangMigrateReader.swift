/// Reads a golang-migrate folder: `<version>_<title>.up.sql` and `.down.sql`, and the variants in-house runners use
/// (a `V` prefix, `.` or `-` as the separator: `V0001.Name.up.sql`). The checksum covers up and down. A file wrapped
/// whole in `BEGIN; … COMMIT;` has the pair removed (Strata runs each file in one transaction); a file with a
/// statement that cannot run in a transaction runs statement by statement, as golang-migrate sends it.
public enum GolangMigrateReader {
    /// The migrations of the folder.
    public static func read(_ listing: FolderListing) throws(StrataError) -> [Migration] {
        var ups: [MigrationVersion: (path: String, name: String)] = [:]
        var downs: [MigrationVersion: String] = [:]
        for entry in listing.sqlFiles where !FolderListing.isScript(entry.name) {
            let isUp = entry.name.hasSuffix(".up.sql")
            guard isUp || entry.name.hasSuffix(".down.sql"), let identity = identity(entry.name) else {
                throw StrataError(
                    .invalidMigration, "'\(entry.name)' is not a golang-migrate file name",
                    location: FileLocation(path: entry.path, line: 1),
                    hint: "name the pair <version>_<title>.up.sql and <version>_<title>.down.sql")
            }
            if isUp {
                if let other = ups[identity.version] { throw duplicate(identity.version, other.path, entry.path) }
                ups[identity.version] = (entry.path, identity.name)
            } else {
                if let other = downs[identity.version] { throw duplicate(identity.version, other, entry.path) }
                downs[identity.version] = entry.path
            }
        }
        for (version, path) in downs where ups[version] == nil {
            throw StrataError(
                .invalidMigration, "the down file has no up file with version \(version)",
                location: FileLocation(path: path, line: 1), hint: "add the .up.sql file, or remove this one")
        }
        var migrations: [Migration] = []
        for (version, up) in ups {
            let upFile = try MigrationFileText.read(up.path)
            let downFile = try downs[version].map { path throws(StrataError) in try MigrationFileText.read(path) }
            migrations.append(PairedMigration.make(
                version: version, name: up.name, up: upFile, down: downFile, noTransaction: false))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// Version and title of `0001_create_users.up.sql`, `V0001.Name.down.sql` and the like.
    public static func identity(_ fileName: String) -> (version: MigrationVersion, name: String)? {
        var stem = Substring(fileName)
        if stem.hasSuffix(".up.sql") {
            stem = stem.dropLast(7)
        } else if stem.hasSuffix(".down.sql") {
            stem = stem.dropLast(9)
        } else {
            return nil
        }
        if stem.first == "V" || stem.first == "v" { stem = stem.dropFirst() }
        return FileNameParsing.versionAndName(stem)
    }

    private static func duplicate(_ version: MigrationVersion, _ first: String, _ second: String) -> StrataError {
        StrataError(
            .invalidMigration, "two files have version \(version): '\(first)' and '\(second)'",
            location: FileLocation(path: second, line: 1), hint: "give one of them a new version")
    }
}

/// A migration kept in two files (golang-migrate, Diesel).
enum PairedMigration {
    static func make(
        version: MigrationVersion, name: String, up: MigrationFileText, down: MigrationFileText?, noTransaction: Bool
    ) -> Migration {
        let upSection = ForeignSectionRules.unwrappingTransaction(up.wholeSection)
        let downSection = down.map { ForeignSectionRules.unwrappingTransaction($0.wholeSectionOfItsOwn) }
        let directives = ForeignSectionRules.directives(in: up.text)
        let nonTransactional = noTransaction || ForeignSectionRules.needsNoTransaction(upSection)
            || directives.contains { $0.name == "no-transaction" }
        return Migration(
            version: version, name: name, path: up.path, up: upSection, down: downSection,
            transactionMode: nonTransactional ? .nonTransactional : .transactional, directives: directives,
            checksum: up.checksum(pairedWith: down))
    }
}
