import Foundation
import StrataTesting

/// A copy of an example project of the repository (e.g. `Examples/concerts`) in a temporary folder, removed by
/// `remove()`.
struct ExampleProject {
    let path: String

    /// Copies `repositoryFolder` (relative to the repository root), or makes an empty project when `nil`.
    init(copying repositoryFolder: String? = nil) throws {
        path = ScratchSpace.root + "/example-\(UUID().uuidString.prefix(8).lowercased())"
        if let repositoryFolder {
            let root = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            try FileManager.default.copyItem(atPath: root.appendingPathComponent(repositoryFolder).path, toPath: path)
            try? FileManager.default.removeItem(atPath: path + "/.strata")
        } else {
            try FileManager.default.createDirectory(atPath: path + "/db/migrations", withIntermediateDirectories: true)
        }
    }

    /// Writes a file (folders created as needed).
    func write(_ relativePath: String, _ text: String) throws {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    /// The text of a file of the project.
    func read(_ relativePath: String) throws -> String {
        try String(contentsOfFile: path + "/" + relativePath, encoding: .utf8)
    }

    /// The 1-based number of the first line of `relativePath` that contains `text`, after line `after`.
    func line(of text: String, in relativePath: String, after: Int = 0) throws -> Int? {
        let lines = try read(relativePath).components(separatedBy: "\n")
        for (index, line) in lines.enumerated() where index + 1 > after && line.contains(text) { return index + 1 }
        return nil
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
