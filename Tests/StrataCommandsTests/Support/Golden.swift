import Foundation
import Testing

/// Golden-file snapshots under `Tests/StrataCommandsTests/Golden/`: a test compares text with the file; with
/// `STRATA_UPDATE_GOLDEN=1` in the environment it writes the file instead (review the diff, then commit it).
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["STRATA_UPDATE_GOLDEN"] == "1" }

    /// Expects `text` to equal the golden file `name` (a path under Golden/, e.g. `help/migrate.txt`).
    static func expect(_ text: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name)
        let content = text.hasSuffix("\n") ? text : text + "\n"
        if updating {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "no golden file \(name); run the tests with STRATA_UPDATE_GOLDEN=1 to write it", sourceLocation: sourceLocation)
            return
        }
        #expect(content == expected, "\(name) differs; if the change is meant, rerun with STRATA_UPDATE_GOLDEN=1",
                sourceLocation: sourceLocation)
    }
}
