import Foundation
@testable import StrataCore

/// The fixture folders under `Fixtures/Formats/<tool>/`, and scratch folders written by a test.
enum FormatFixture {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture folder Fixtures/Formats/\(name) is not in the test bundle" }
    }

    /// The path of `Fixtures/Formats/<tool>` in the test bundle.
    static func path(_ tool: String) throws -> String {
        guard let url = Bundle.module.url(forResource: tool, withExtension: nil, subdirectory: "Fixtures/Formats") else {
            throw Missing(name: tool)
        }
        return url.path
    }

    /// Reads the fixture folder of `tool` with format detection.
    static func catalog(_ tool: String, placeholders: [String: String] = [:]) throws -> MigrationCatalog {
        try MigrationFolder(path: try path(tool), placeholders: placeholders).loadCatalog()
    }

    /// A temporary folder holding `files` (relative paths → text); removed by `remove(_:)`.
    static func scratch(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "strata-formats-\(UUID().uuidString)"
        for (relative, text) in files {
            let full = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }

    /// Removes a scratch folder.
    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// The error loading `folder` throws, or nil.
    static func loadError(_ folder: String, format: MigrationFormat? = nil, placeholders: [String: String] = [:]) -> StrataError? {
        do {
            _ = try MigrationFolder(path: folder, format: format, placeholders: placeholders).loadCatalog()
            return nil
        } catch {
            return error
        }
    }

    /// The statements' texts of a section.
    static func statements(_ section: MigrationSection?, path: String = "x") throws -> [String] {
        try section?.statements(path: path).map(\.text) ?? []
    }
}
