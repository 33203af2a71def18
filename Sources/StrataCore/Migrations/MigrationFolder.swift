import Foundation

/// Reads a folder of native migration files (`<version>_<name>.sql`) into migrations ordered by version.
public struct MigrationFolder: Sendable {
    /// The folder's path as the user gave it.
    public var path: String

    /// Creates a reader for the folder at `path`.
    public init(path: String) { self.path = path }

    /// A file name split into version and name; `nil` when the name does not start with digits.
    public static func identity(ofFileName fileName: String) -> (version: MigrationVersion, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let digits = stem.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let version = MigrationVersion(String(digits)) else { return nil }
        var rest = stem.dropFirst(digits.count)
        if rest.first == "_" || rest.first == "-" || rest.first == "." { rest = rest.dropFirst() }
        return (version, String(rest))
    }

    /// Reads and parses every `.sql` file in the folder, sorted by version.
    ///
    /// Throws `invalidMigration` for a missing folder, an unreadable file, a `.sql` file whose name has no version,
    /// two files with the same version, and anything the file parser rejects.
    public func load() throws(StrataError) -> [Migration] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StrataError(
                .invalidMigration, "the migrations folder '\(path)' does not exist",
                hint: "create it with 'strata init', or point to it with --dir")
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw StrataError(.invalidMigration, "cannot read the migrations folder '\(path)'", detail: "\(error)")
        }
        var migrations: [Migration] = []
        var pathsByVersion: [MigrationVersion: String] = [:]
        for fileName in names where fileName.hasSuffix(".sql") {
            let filePath = (path as NSString).appendingPathComponent(fileName)
            guard let identity = Self.identity(ofFileName: fileName) else {
                throw StrataError(
                    .invalidMigration, "the file name '\(fileName)' does not start with a version",
                    location: FileLocation(path: filePath, line: 1),
                    hint: "name migrations <version>_<name>.sql, e.g. 20251102120000_add_v2_columns.sql (strata new NAME)")
            }
            if identity.version == .zero {
                throw StrataError(
                    .invalidMigration, "version 0 is reserved ('rollback --to 0' means before every migration)",
                    location: FileLocation(path: filePath, line: 1), hint: "start versions at 1, or use a timestamp")
            }
            if let other = pathsByVersion[identity.version] {
                throw StrataError(
                    .invalidMigration, "two migrations have version \(identity.version): '\(other)' and '\(filePath)'",
                    hint: "give one of them a new version (strata new makes a timestamp)")
            }
            pathsByVersion[identity.version] = filePath
            guard let data = fileManager.contents(atPath: filePath) else {
                throw StrataError(
                    .invalidMigration, "cannot read the file", location: FileLocation(path: filePath, line: 1),
                    hint: "check the file's permissions")
            }
            migrations.append(
                try NativeMigrationParser.parse(
                    path: filePath, version: identity.version, name: identity.name, bytes: [UInt8](data)))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
