/// A rule as reports describe it: id, texts, effective severity and documentation link.
public struct LintRuleDescriptor: Sendable, Hashable, Codable {
    /// The rule's id.
    public var id: String
    /// What the rule catches.
    public var summary: String
    /// The safe alternative.
    public var help: String
    /// The severity after configuration.
    public var severity: LintSeverity
    /// The documentation link.
    public var documentation: String

    /// Creates a descriptor.
    public init(id: String, summary: String, help: String, severity: LintSeverity, documentation: String) {
        self.id = id
        self.summary = summary
        self.help = help
        self.severity = severity
        self.documentation = documentation
    }
}

/// The result of linting a set of files: what the output formats render and what decides the exit code.
public struct LintReport: Sendable, Hashable {
    /// How many files were linted.
    public var fileCount: Int
    /// The findings, file by file in the order the files were given, each file's sorted by line, column and rule.
    public var findings: [LintFinding]
    /// The rules that ran, in registry order.
    public var rules: [LintRuleDescriptor]

    /// Creates a report.
    public init(fileCount: Int, findings: [LintFinding], rules: [LintRuleDescriptor]) {
        self.fileCount = fileCount
        self.findings = findings
        self.rules = rules
    }

    /// The number of error-severity findings.
    public var errorCount: Int { findings.count { $0.severity == .error } }
    /// The number of warning-severity findings.
    public var warningCount: Int { findings.count { $0.severity == .warning } }
    /// The number of note-severity findings (statements lint could not read).
    public var noteCount: Int { findings.count { $0.severity == .note } }
    /// True when an error-severity finding remains (`strata lint` then exits with code 6).
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
