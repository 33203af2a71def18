import Foundation
import StrataCore
import StrataSQL

/// Reading migrations from a path that is a folder or a single file (for `strata lint PATH`).
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
        let bytes = [UInt8](data)
        let version = identity?.version ?? .zero
        let name = identity?.name ?? fileName
        // An empty or comment-only file is linted as it is (a migration may be empty on purpose): no statements,
        // and nothing to revert, so an empty down section.
        let file = try MigrationFileText.decode(path: path, bytes: bytes)
        if let statements = try? StatementSplitter.split(file.text), statements.isEmpty {
            return [Migration(
                version: version, name: name, path: path, up: file.wholeSection,
                down: MigrationSection(sql: "", origin: .start), checksum: file.checksum())]
        }
        return [try NativeMigrationParser.parse(path: path, version: version, name: name, bytes: bytes)]
    }

}
