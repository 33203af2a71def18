/// Human-readable output:
///
/// ```text
/// db/migrations/002_index.sql:3:8: error[require-concurrent-index-creation] CREATE INDEX on "users" … is built
///   |
/// 3 | CREATE INDEX users_email ON users (email);
///   |        ^
///   = help: use CREATE INDEX CONCURRENTLY in a file marked `-- strata:no-transaction` …
///   = docs: docs/rules/require-concurrent-index-creation.md
///
/// 1 error, 0 warnings in 1 file
/// ```
public struct TextLintFormatter: LintFormatter {
    /// The longest excerpt shown, in characters; longer lines are cut around the caret.
    static let maximumExcerptWidth = 120

    /// Colour the severity and caret with ANSI escapes.
    public var useColor: Bool

    /// Creates the formatter.
    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    /// The findings one after the other, then a summary line.
    public func format(_ report: LintReport) -> String {
        var output = ""
        for finding in report.findings {
            output += render(finding)
            output += "\n"
        }
        output += summary(report) + "\n"
        return output
    }

    /// One finding, several lines, each ending with a line break.
    public func render(_ finding: LintFinding) -> String {
        var output = headline(finding) + "\n"
        let gutter = String(repeating: " ", count: String(finding.line).count)
        if let excerpt = finding.excerpt {
            let (text, caretPrefix) = Self.window(excerpt, column: finding.column)
            output += "\(gutter) |\n"
            output += "\(excerpt.line) | \(text)\n"
            output += "\(gutter) | \(caretPrefix)\(paint("^", "1;32"))\n"
        }
        if !finding.help.isEmpty { output += "\(gutter) = help: \(finding.help)\n" }
        output += "\(gutter) = docs: \(finding.documentation)\n"
        return output
    }

    /// The finding's first line, `path:line:column: severity[rule] message`: what `strata lint` prints above the
    /// excerpt, and what `strata migrate` prints for a finding of a pending file.
    public func headline(_ finding: LintFinding) -> String {
        let colour = finding.severity == .error ? "1;31" : finding.severity == .warning ? "1;33" : "1;36"
        let severity = paint(finding.severity.rawValue, colour)
        return "\(finding.path):\(finding.line):\(finding.column): \(severity)[\(finding.ruleID)] \(finding.message)"
    }

    /// `2 errors, 1 warning in 3 files` (`, 1 note` when lint could not read a statement) or `no findings in 3 files`.
    public func summary(_ report: LintReport) -> String {
        let files = Self.plural(report.fileCount, "file")
        if report.findings.isEmpty { return "no findings in \(files)" }
        let notes = report.noteCount > 0 ? ", \(Self.plural(report.noteCount, "note"))" : ""
        return "\(Self.plural(report.errorCount, "error")), \(Self.plural(report.warningCount, "warning"))\(notes) in \(files)"
    }

    /// The part of the excerpt to show and the whitespace that puts a caret under `column` (tabs kept as tabs).
    static func window(_ excerpt: LintExcerpt, column: Int) -> (text: String, caretPrefix: String) {
        let caretOffset = max(column - excerpt.column, 0)
        if excerpt.text.utf8.count <= maximumExcerptWidth {
            // Short line: no cut. Spaces under everything before the caret, tabs kept so the caret lines up.
            var prefix = ""
            for scalar in excerpt.text.unicodeScalars.prefix(caretOffset) { prefix.append(scalar == "\t" ? "\t" : " ") }
            return (excerpt.text, prefix)
        }
        var scalars = Array(excerpt.text.unicodeScalars)
        var caret = min(caretOffset, scalars.count)
        if scalars.count > maximumExcerptWidth {
            let start = max(0, min(caret - maximumExcerptWidth / 2, scalars.count - maximumExcerptWidth))
            let end = min(scalars.count, start + maximumExcerptWidth)
            var cut = Array(scalars[start..<end])
            caret -= start
            if start > 0 {
                cut.insert("…", at: 0)
                caret += 1
            }
            if end < scalars.count { cut.append("…") }
            scalars = cut
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        var prefix = ""
        for scalar in scalars[..<caret] { prefix.append(scalar == "\t" ? "\t" : " ") }
        return (text, prefix)
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}
