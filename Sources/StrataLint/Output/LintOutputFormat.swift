/// Renders a lint report for people or tools.
public protocol LintFormatter: Sendable {
    /// The whole output for `report`, ending with a line break when not empty.
    func format(_ report: LintReport) -> String
}

/// The output formats of `strata lint --format`.
public enum LintOutputFormat: String, Sendable, Hashable, CaseIterable {
    /// For people: position, message, the source line with a caret, help and documentation link.
    case text
    /// A stable JSON document (see `JSONLintFormatter`).
    case json
    /// GitHub Actions workflow commands, shown as annotations on the pull request.
    case github
    /// SARIF 2.1.0, for code-scanning services.
    case sarif

    /// The formatter for this format. `useColor` only affects `text`.
    public func formatter(useColor: Bool = false) -> any LintFormatter {
        switch self {
        case .text: return TextLintFormatter(useColor: useColor)
        case .json: return JSONLintFormatter()
        case .github: return GitHubLintFormatter()
        case .sarif: return SARIFLintFormatter()
        }
    }
}
