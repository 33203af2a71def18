import Foundation

/// Finds the test files of `strata test [PATH…]`: `.sql` files, folders searched recursively, in path order.
public enum SQLTestSources {
    /// Reads and parses every test file under `paths`. A path that does not exist is refused.
    public static func load(paths: [String]) throws(StrataError) -> [SQLTestFile] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw StrataError(
                    .usage, "the test path '\(path)' does not exist",
                    hint: "write tests in db/tests/*.sql, or name files and folders: strata test db/tests/rls.sql")
            }
            if isDirectory.boolValue {
                guard let enumerator = FileManager.default.enumerator(atPath: path) else { continue }
                var found: [String] = []
                while let relative = enumerator.nextObject() as? String {
                    if relative.hasSuffix(".sql") { found.append((path as NSString).appendingPathComponent(relative)) }
                }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        var parsed: [SQLTestFile] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw StrataError(.invalidTest, "cannot read the file", location: FileLocation(path: file, line: 1))
            }
            parsed.append(try SQLTestParser.parse(path: file, bytes: [UInt8](data)))
        }
        return parsed
    }
}
