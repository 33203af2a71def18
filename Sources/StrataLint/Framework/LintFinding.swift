/// The source line a finding points into, for showing it with a caret.
public struct LintExcerpt: Sendable, Hashable, Codable {
    /// The line number in the file.
    public var line: Int
    /// The column of the first character of `text` (1 unless the statement starts mid-line).
    public var column: Int
    /// The line's text from `column` on, without the line break.
    public var text: String

    /// Creates an excerpt.
    public init(line: Int, column: Int, text: String) {
        self.line = line
        self.column = column
        self.text = text
    }
}

/// A reported problem after suppressions and configuration: what every output format prints.
public struct LintFinding: Sendable, Hashable, Codable {
    /// The rule's id.
    public var ruleID: String
    /// The severity after configuration.
    public var severity: LintSeverity
    /// What is wrong.
    public var message: String
    /// The safe alternative.
    public var help: String
    /// The rule's documentation link (`docs/rules/<id>.md`, or a URL with a configured base).
    public var documentation: String
    /// The file the finding is in.
    public var path: String
    /// The line, from 1.
    public var line: Int
    /// The column in Unicode scalars, from 1.
    public var column: Int
    /// The section of the migration, when the finding belongs to a statement.
    public var section: LintSection?
    /// The source line at `line`, when the finding belongs to a statement.
    public var excerpt: LintExcerpt?

    /// Creates a finding.
    public init(
        ruleID: String, severity: LintSeverity, message: String, help: String, documentation: String, path: String,
        line: Int, column: Int, section: LintSection? = nil, excerpt: LintExcerpt? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.help = help
        self.documentation = documentation
        self.path = path
        self.line = line
        self.column = column
        self.section = section
        self.excerpt = excerpt
    }

    /// Orders findings by path, line, column, then rule id.
    public static func sortedOrder(_ lhs: LintFinding, _ rhs: LintFinding) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        return lhs.ruleID < rhs.ruleID
    }
}
