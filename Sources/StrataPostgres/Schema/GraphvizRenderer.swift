import Foundation
import StrataCore

/// Graphviz's `dot`, when installed: turns DOT text into SVG for `strata docs`.
public enum GraphvizRenderer {
    /// `dot` on `PATH` (or `/usr/bin/dot`), nil when Graphviz is not installed.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        return (searchPath + ["/usr/bin"]).map { $0 + "/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The SVG `dot` draws for `source`.
    public static func svg(dot: String, source: String) async throws(StrataError) -> String {
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("strata-\(UUID().uuidString.prefix(8)).dot").path
        do {
            try Data(source.utf8).write(to: URL(fileURLWithPath: input))
        } catch {
            throw StrataError(.io, "cannot write a temporary file for Graphviz", detail: "\(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: input) }
        let output = try await ProcessRunner.run(dot, ["-Tsvg", input])
        guard output.succeeded else {
            throw StrataError(.clientTool, "Graphviz dot failed (exit \(output.status))", detail: output.tail(8))
        }
        return output.standardOutput
    }
}
