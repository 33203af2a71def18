import Foundation
import StrataLint
import StrataSQL

/// A migration file under `Fixtures/`, read the way Strata's native format reads it (`-- strata:up` / `down`
/// sections, directives), plus `-- fixture: key=value …` lines that set the lint context:
/// `pg=10` (target PostgreSQL), `rules=a,b` (extra rules to run besides the one under test).
struct Fixture {
    /// The path relative to `Fixtures/`, as findings show it.
    var path: String
    var text: String
    var options: [String: String]

    static let root: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the test bundle has no Fixtures folder")
        }
        return url
    }()

    /// Where the fixtures live in the source tree, for `STRATA_UPDATE_GOLDEN=1`.
    static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    init(path: String) throws {
        self.path = path
        text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        options = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("-- fixture:") {
            for pair in line.dropFirst("-- fixture:".count).split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { options[String(parts[0])] = String(parts[1]) }
            }
        }
    }

    /// The fixtures (`*.sql`) in `folder`, sorted.
    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted().map { folder + "/" + $0 }
    }

    var postgresVersion: Int { options["pg"].flatMap(Int.init) ?? LintConfiguration.defaultPostgresVersion }
    var extraRules: [String] { options["rules"].map { $0.split(separator: ",").map(String.init) } ?? [] }

    /// The file as the linter sees it.
    func lintFile() throws -> LintFile {
        try Self.lintFile(path: path, text: text)
    }

    /// Splits `text` into sections like Strata's native reader: no markers means all up, no down section.
    static func lintFile(path: String, text: String, downPath: String? = nil) throws -> LintFile {
        let tokens = try SQLLexer(text).tokenize()
        var directives: [SQLDirective] = []
        var markers: [(name: String, start: Int, end: Int)] = []
        for token in tokens where token.kind == .lineComment {
            guard let directive = SQLDirective.parse(comment: token) else { continue }
            directives.append(directive)
            if ["up", "down", "verify"].contains(directive.name) {
                markers.append((directive.name, token.start.offset, token.endOffset))
            }
        }
        let bytes = Array(text.utf8)
        let lines = LineIndex(text)
        func section(_ name: String) throws -> [SQLStatement]? {
            guard let index = markers.firstIndex(where: { $0.name == name }) else { return nil }
            let start = markers[index].end
            let end = index + 1 < markers.count ? markers[index + 1].start : bytes.count
            return try StatementSplitter.split(
                String(decoding: bytes[start..<end], as: UTF8.self), origin: lines.position(ofOffset: start))
        }
        let up = markers.isEmpty ? try StatementSplitter.split(text) : try section("up") ?? []
        return LintFile(
            path: path, up: up, down: try section("down"), downPath: downPath, directives: directives, source: text)
    }
}

/// Compares `actual` with the golden file `Fixtures/<path>`; with `STRATA_UPDATE_GOLDEN=1` writes it instead.
func expectGolden(_ actual: String, _ path: String) throws -> (expected: String, actual: String) {
    if ProcessInfo.processInfo.environment["STRATA_UPDATE_GOLDEN"] == "1" {
        let url = Fixture.sourceRoot.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return (actual, actual)
    }
    let url = Fixture.root.appendingPathComponent(path)
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden file \(path)>"
    return (expected, actual)
}
