/// Reads a Diesel folder: one folder per migration, `<version>_<name>/up.sql` and `down.sql`, where the version is
/// the digits of a timestamp such as `2024-01-15-093000` (dashes dropped, as Diesel records it) and an optional
/// `metadata.toml` may say `run_in_transaction = false`. Diesel's `00000000000000_diesel_initial_setup` has version 0:
/// it runs first, and `rollback --to 0` reverts it last, with everything else.
public enum DieselReader {
    /// The migrations of the folder.
    public static func read(_ listing: FolderListing) throws(StrataError) -> [Migration] {
        var migrations: [Migration] = []
        var seen: [MigrationVersion: String] = [:]
        for entry in listing.entries {
            guard entry.isDirectory else {
                if entry.name.hasSuffix(".sql") && !FolderListing.isScript(entry.name) {
                    throw StrataError(
                        .invalidMigration, "'\(entry.name)' is a loose file in a Diesel folder",
                        location: FileLocation(path: entry.path, line: 1),
                        hint: "Diesel keeps each migration in its own folder: <version>_<name>/up.sql and down.sql")
                }
                continue
            }
            guard let identity = identity(entry.name) else {
                throw StrataError(
                    .invalidMigration, "the folder name '\(entry.name)' does not start with a version",
                    location: FileLocation(path: entry.path, line: 1),
                    hint: "name it <timestamp>_<name>, e.g. 2024-01-15-093000_create_users")
            }
            let upPath = entry.path + "/up.sql"
            guard FileManagerProbe.isFile(upPath) else {
                throw StrataError(
                    .invalidMigration, "the Diesel migration has no up.sql", location: FileLocation(path: entry.path, line: 1))
            }
            if let other = seen[identity.version] {
                throw StrataError(
                    .invalidMigration, "two migrations have version \(identity.version): '\(other)' and '\(entry.path)'",
                    location: FileLocation(path: entry.path, line: 1))
            }
            seen[identity.version] = entry.path
            let downPath = entry.path + "/down.sql"
            let down = FileManagerProbe.isFile(downPath) ? try MigrationFileText.read(downPath) : nil
            migrations.append(PairedMigration.make(
                version: identity.version, name: identity.name, up: try MigrationFileText.read(upPath), down: down,
                noTransaction: try !runsInTransaction(entry.path + "/metadata.toml")))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// `2024-01-15-093000_create_users` → (20240115093000, create_users).
    public static func identity(_ folderName: String) -> (version: MigrationVersion, name: String)? {
        let head = folderName.prefix { $0 != "_" }
        let digits = head.filter { $0 != "-" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let version = MigrationVersion(String(digits))
        else { return nil }
        return (version, String(folderName.dropFirst(head.count + 1)))
    }

    /// False when `metadata.toml` says `run_in_transaction = false`.
    static func runsInTransaction(_ path: String) throws(StrataError) -> Bool {
        guard FileManagerProbe.isFile(path) else { return true }
        let file = try MigrationFileText.read(path)
        let configuration = try ConfigurationFile.parse(file.text, path: path)
        return configuration["run_in_transaction"] != "false"
    }
}
