import Foundation

/// Reads a folder of Strata's native files (`<version>_<name>.sql`, docs/file-format.md).
public enum NativeFolderReader {
    /// The migrations of the folder, ordered by version; bytes already read (to detect the format) come from
    /// `cache`.
    public static func read(_ listing: FolderListing, cache: FileBytesCache = FileBytesCache()) throws(StrataError) -> [Migration] {
        var migrations: [Migration] = []
        var pathsByVersion: [MigrationVersion: String] = [:]
        var files: [(path: String, version: MigrationVersion, name: String)] = []
        for entry in listing.sqlFiles where !FolderListing.isScript(entry.name) {
            let fileName = entry.name
            let filePath = entry.path
            guard let identity = MigrationFolder.identity(ofFileName: fileName) else {
                throw StrataError(
                    .invalidMigration, "the file name '\(fileName)' does not start with a version",
                    location: FileLocation(path: filePath, line: 1),
                    hint: "name migrations <version>_<name>.sql, e.g. 20251102120000_add_v2_columns.sql (strata new NAME)")
            }
            if let other = pathsByVersion[identity.version] {
                throw StrataError(
                    .invalidMigration, "two migrations have version \(identity.version): '\(other)' and '\(filePath)'",
                    hint: "give one of them a new version (strata new makes a timestamp)")
            }
            pathsByVersion[identity.version] = filePath
            files.append((filePath, identity.version, identity.name))
        }
        // Reading, checksumming and parsing are independent per file: spread them over every core; the first
        // error in file order is the one reported.
        migrations = try ParallelMap.map(files) { file throws(StrataError) in
            // The parser validates UTF-8 itself (naming the line of a bad byte): read bytes only, decode once.
            try NativeMigrationParser.parse(
                path: file.path, version: file.version, name: file.name, bytes: try cache.take(file.path))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}

