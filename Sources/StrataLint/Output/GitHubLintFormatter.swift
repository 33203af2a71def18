/// GitHub Actions workflow commands, one line per finding, which GitHub shows as annotations on the changed lines:
/// `::error file=db/migrations/002.sql,line=3,col=8,title=require-concurrent-index-creation::message%0Ahelp: …`.
public struct GitHubLintFormatter: LintFormatter {
    /// Creates the formatter.
    public init() {}

    /// One workflow command per finding.
    public func format(_ report: LintReport) -> String {
        var output = ""
        for finding in report.findings {
            let command = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
            let properties = [
                "file=" + Self.escapeProperty(finding.path), "line=\(finding.line)", "col=\(finding.column)",
                "title=" + Self.escapeProperty(finding.ruleID),
            ]
            let message = "\(finding.message)\nhelp: \(finding.help)\ndocs: \(finding.documentation)"
            output += "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        return output
    }

    /// Escapes a command's message: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        var output = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    /// Escapes a property value: as a message, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        var output = ""
        for character in escapeData(text).unicodeScalars {
            switch character {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
