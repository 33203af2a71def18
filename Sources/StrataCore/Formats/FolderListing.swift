import Foundation

/// The entries of a migrations folder, sorted by name, hidden ones (`.keep`, `.DS_Store`) left out.
public struct FolderListing: Sendable, Hashable {
    /// One file or folder.
    public struct Entry: Sendable, Hashable {
        /// Its name in the folder.
        public var name: String
        /// Its path (folder path + name).
        public var path: String
        /// True for a folder.
        public var isDirectory: Bool
    }

    /// The folder's path.
    public var path: String
    /// Its entries.
    public var entries: [Entry]

    /// Lists `path`; throws `invalidMigration` when it is not a readable folder, or holds a folder named like a
    /// migration file (`1_x.sql/`), which would otherwise be skipped without a word.
    public static func read(_ path: String) throws(StrataError) -> FolderListing {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StrataError(
                .invalidMigration, "the migrations folder '\(path)' does not exist",
                hint: "create it with 'strata init', or point to it with --dir")
        }
        guard let found = RawFileReading.entries(ofFolder: path) else {
            throw StrataError(.invalidMigration, "cannot read the migrations folder '\(path)'")
        }
        let separator = path.hasSuffix("/") ? "" : "/"
        var entries: [Entry] = []
        for (name, entryIsDirectory) in found.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
            let full = path + separator + name
            if entryIsDirectory, name.hasSuffix(".sql") {
                throw StrataError(
                    .invalidMigration, "'\(full)' is a folder named like a migration file, not a migration",
                    hint: "move its contents into a file, or rename the folder so it does not end in .sql")
            }
            entries.append(Entry(name: name, path: full, isDirectory: entryIsDirectory))
        }
        return FolderListing(path: path, entries: entries)
    }

    /// The `.sql` files.
    public var sqlFiles: [Entry] { entries.filter { !$0.isDirectory && $0.name.hasSuffix(".sql") } }

    /// Names of hook files Strata runs around a migrate in any format.
    public static let hookNames: Set<String> = ["beforeMigrate.sql", "afterMigrate.sql"]

    /// True for `beforeMigrate.sql`, `afterMigrate.sql` and repeatable `R__<name>.sql` files, which every format
    /// may hold.
    public static func isScript(_ name: String) -> Bool {
        hookNames.contains(name) || (name.hasPrefix("R__") && name.hasSuffix(".sql"))
    }
}
