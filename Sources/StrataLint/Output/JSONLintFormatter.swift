import Foundation

/// Machine-readable output, a stable shape (keys sorted, version 1; keys are only ever added):
///
/// ```json
/// {
///   "findings" : [ {
///     "column" : 8, "documentation" : "docs/rules/require-concurrent-index-creation.md",
///     "excerpt" : { "column" : 1, "line" : 3, "text" : "CREATE INDEX users_email ON users (email);" },
///     "file" : "db/migrations/002_index.sql", "help" : "…", "line" : 3, "message" : "…",
///     "rule" : "require-concurrent-index-creation", "section" : "up", "severity" : "error"
///   } ],
///   "summary" : { "errors" : 1, "files" : 1, "warnings" : 0 },
///   "version" : 1
/// }
/// ```
///
/// `excerpt` and `section` are left out for findings about the whole file.
public struct JSONLintFormatter: LintFormatter {
    /// The shape's version.
    public static let version = 1

    /// Creates the formatter.
    public init() {}

    /// The JSON document, pretty-printed, with a final line break.
    public func format(_ report: LintReport) -> String {
        let document = Document(
            version: Self.version,
            summary: Summary(files: report.fileCount, errors: report.errorCount, warnings: report.warningCount),
            findings: report.findings.map(Finding.init))
        return encodeJSON(document) + "\n"
    }

    private struct Document: Encodable {
        var version: Int
        var summary: Summary
        var findings: [Finding]
    }

    private struct Summary: Encodable {
        var files: Int
        var errors: Int
        var warnings: Int
    }

    private struct Finding: Encodable {
        var rule: String
        var severity: String
        var message: String
        var help: String
        var documentation: String
        var file: String
        var line: Int
        var column: Int
        var section: String?
        var excerpt: LintExcerpt?

        init(_ finding: LintFinding) {
            rule = finding.ruleID
            severity = finding.severity.rawValue
            message = finding.message
            help = finding.help
            documentation = finding.documentation
            file = finding.path
            line = finding.line
            column = finding.column
            section = finding.section?.rawValue
            excerpt = finding.excerpt
        }
    }
}

/// `value` as pretty-printed JSON with sorted keys and unescaped slashes.
func encodeJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
}
