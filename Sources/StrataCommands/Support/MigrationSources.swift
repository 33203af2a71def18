import Foundation
import StrataCore

/// Reading migrations from a path that is a folder or a single file.
enum MigrationSources {
    static func load(path: String) throws(StrataError) -> [Migration] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StrataError(.usage, "'\(path)' does not exist")
        }
        if isDirectory.boolValue { return try MigrationFolder(path: path).load() }
        let fileName = (path as NSString).lastPathComponent
        let identity = MigrationFolder.identity(ofFileName: fileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StrataError(.invalidMigration, "cannot read the file", location: FileLocation(path: path, line: 1))
        }
        return [try NativeMigrationParser.parse(
            path: path, version: identity?.version ?? .zero,
            name: identity?.name ?? fileName, bytes: [UInt8](data))]
    }

}
