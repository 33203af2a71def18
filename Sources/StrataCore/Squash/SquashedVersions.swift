/// `-- strata:squash VERSION CHECKSUM` lines of a squash file: the versions it replaces and the checksum each old
/// file had. A database that applied the old files sees the squash as applied (its history row for the squash's
/// own version carries the old file's checksum, and the other versions' rows are accounted for by the squash); a
/// new database applies the squash itself.
public enum SquashedVersions {
    /// The versions `migration` squashes, with the checksums a database may have recorded for each (the old
    /// file's; for a version an earlier squash replaced, that squash's too); empty for an ordinary migration.
    public static func of(_ migration: Migration) -> [MigrationVersion: Set<String>] {
        var result: [MigrationVersion: Set<String>] = [:]
        for directive in migration.directives where directive.name == "squash" {
            let words = directive.arguments.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.count == 2, let version = MigrationVersion(words[0]) { result[version, default: []].insert(words[1]) }
        }
        return result
    }

    /// The `-- strata:squash` lines for a squash of `migrations` (which may include an earlier squash: its lines
    /// are carried over, so databases at any earlier stage still match).
    public static func lines(replacing migrations: [Migration]) -> [String] {
        var pairs: [(MigrationVersion, String)] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            for (version, checksums) in of(migration) {
                for checksum in checksums { pairs.append((version, checksum)) }
            }
            pairs.append((migration.version, migration.checksum))
        }
        var seen = Set<String>()
        return pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.compactMap { version, checksum in
            let line = "-- strata:squash \(version) \(checksum)"
            return seen.insert(line).inserted ? line : nil
        }
    }

    /// Refuses a malformed `-- strata:squash` line, or a squash file that does not list its own version last.
    static func check(_ migration: Migration, path: String) throws(StrataError) {
        var listed: [MigrationVersion] = []
        for directive in migration.directives where directive.name == "squash" {
            let words = directive.arguments.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard words.count == 2, let version = MigrationVersion(words[0]),
                words[1].count == 64, words[1].allSatisfy({ $0.isHexDigit })
            else {
                throw StrataError(
                    .invalidMigration, "-- strata:squash needs a version and the old file's SHA-256, not '\(directive.arguments)'",
                    location: FileLocation(path: path, line: directive.position.line),
                    hint: "'strata squash' writes these lines; do not edit them")
            }
            listed.append(version)
        }
        guard let highest = listed.max() else { return }
        guard highest == migration.version else {
            throw StrataError(
                .invalidMigration, "a squash file has the version of the newest migration it replaces (\(highest)), not \(migration.version)",
                location: FileLocation(path: path, line: 1))
        }
        guard migration.down == nil else {
            throw StrataError(
                .invalidMigration, "a squash file has no down section: it cannot be rolled back past",
                location: FileLocation(path: path, line: 1))
        }
    }
}
