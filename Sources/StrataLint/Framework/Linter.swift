import StrataSQL

/// Runs the enabled rules over files, applies `-- strata:nolint` suppressions and the configuration, and reports
/// unused suppressions. A value type without state between files; safe to share across tasks.
public struct Linter: Sendable {
    /// The configuration applied.
    public let configuration: LintConfiguration
    /// The rules known (enabled or not).
    public let registry: RuleRegistry
    /// The rules that run, in registry order.
    public let enabledRules: [any LintRule]
    private let checkingRules: [any LintRule]
    private let reportsUnusedSuppressions: Bool

    /// Creates a linter over `registry` (all of Strata's rules by default) with `configuration`.
    public init(configuration: LintConfiguration = LintConfiguration(), registry: RuleRegistry = .standard) {
        self.configuration = configuration
        self.registry = registry
        enabledRules = registry.rules.filter { configuration.isEnabled($0.id) }
        checkingRules = enabledRules.filter { $0.id != UnusedSuppression.ruleID }
        reportsUnusedSuppressions = enabledRules.contains { $0.id == UnusedSuppression.ruleID }
    }

    /// The severity of `ruleID`'s findings under the configuration.
    public func severity(of ruleID: String) -> LintSeverity {
        configuration.severityOverrides[ruleID] ?? registry.rule(id: ruleID)?.defaultSeverity ?? .error
    }

    /// The enabled rules as reports describe them.
    public var ruleDescriptors: [LintRuleDescriptor] {
        enabledRules.map { rule in
            LintRuleDescriptor(
                id: rule.id, summary: rule.summary, help: rule.help, severity: severity(of: rule.id),
                documentation: configuration.documentationLink(rule.documentationPath))
        }
    }

    /// Lints several files into one report: findings in the order of `files`, each file's sorted by position.
    public func lint(_ files: [LintFile]) -> LintReport {
        var findings: [LintFinding] = []
        for file in files { findings.append(contentsOf: lint(file)) }
        return LintReport(fileCount: files.count, findings: findings, rules: ruleDescriptors)
    }

    /// Lints one file: the findings that survive suppression, sorted by position. The file's
    /// `targetPostgresVersion` is replaced by the configuration's.
    public func lint(_ file: LintFile) -> [LintFinding] {
        var file = file
        file.targetPostgresVersion = configuration.targetPostgresVersion
        var violations: [LintViolation] = []
        for rule in checkingRules {
            violations.append(contentsOf: rule.check(file))
        }
        var suppressions = SuppressionIndex(file)
        if violations.isEmpty, suppressions.isEmpty { return [] }

        var findings: [LintFinding] = []
        for violation in violations where suppressions.isEmpty || !suppressions.suppress(violation) {
            findings.append(finding(for: violation, in: file))
        }
        if reportsUnusedSuppressions {
            findings.append(contentsOf: unusedSuppressionFindings(suppressions.suppressions, in: file))
        }
        findings.sort(by: LintFinding.sortedOrder)
        return findings
    }

    private func finding(for violation: LintViolation, in file: LintFile) -> LintFinding {
        let rule = registry.rule(id: violation.ruleID)
        let statement = violation.statement.flatMap { file.statement($0) }
        return LintFinding(
            ruleID: violation.ruleID, severity: severity(of: violation.ruleID), message: violation.message,
            help: violation.help ?? rule?.help ?? "",
            documentation: configuration.documentationLink(rule?.documentationPath ?? "docs/rules/\(violation.ruleID).md"),
            path: file.path(of: violation.statement?.section ?? .up), line: violation.position.line,
            column: violation.position.column, section: violation.statement?.section,
            excerpt: statement.flatMap { statement in
                if let source = file.source(of: statement.section) {
                    return Self.excerpt(at: violation.position, in: source)
                }
                return Self.excerpt(at: violation.position, in: statement)
            })
    }

    private func unusedSuppressionFindings(_ suppressions: [Suppression], in file: LintFile) -> [LintFinding] {
        var findings: [LintFinding] = []
        let rule = UnusedSuppression()
        if suppressions.contains(where: { $0.scope == .file && $0.ruleIDs.contains(rule.id) }) { return [] }
        for suppression in suppressions where !suppression.ruleIDs.contains(rule.id) {
            var messages: [String] = []
            if suppression.ruleIDs.isEmpty {
                if suppression.used.isEmpty { messages.append(Self.unusedMessage("every rule", suppression.scope)) }
            } else {
                for id in suppression.ruleIDs where !suppression.used.contains(id) {
                    if registry.rule(id: id) == nil {
                        messages.append("'-- strata:nolint' names '\(id)', which is not a Strata lint rule")
                    } else if configuration.isEnabled(id) {
                        messages.append(Self.unusedMessage("'\(id)'", suppression.scope))
                    }
                }
            }
            let excerpt =
                file.source(of: suppression.section).flatMap { Self.excerpt(at: suppression.position, in: $0) }
                ?? LintExcerpt(line: suppression.position.line, column: suppression.position.column, text: suppression.text)
            for message in messages {
                findings.append(
                    LintFinding(
                        ruleID: rule.id, severity: severity(of: rule.id), message: message, help: rule.help,
                        documentation: configuration.documentationLink(rule.documentationPath),
                        path: file.path(of: suppression.section), line: suppression.position.line,
                        column: suppression.position.column, section: nil, excerpt: excerpt))
            }
        }
        return findings
    }

    private static func unusedMessage(_ what: String, _ scope: Suppression.Scope) -> String {
        switch scope {
        case .file: return "the file-wide suppression of \(what) is unused: nothing in this file triggers it"
        case .statement: return "the suppression of \(what) is unused: the statement below does not trigger it"
        case .nothing: return "the suppression of \(what) is unused: no statement follows it"
        }
    }

    /// The whole line of `source` holding `position`, found from its UTF-8 offset (no scan from the file's start).
    static func excerpt(at position: SourcePosition, in source: String) -> LintExcerpt? {
        var source = source
        return source.withUTF8 { bytes -> LintExcerpt? in
            guard position.offset >= 0, position.offset <= bytes.count else { return nil }
            var start = position.offset
            while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
            var end = position.offset
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return LintExcerpt(line: position.line, column: 1, text: text)
        }
    }

    /// The line of `statement`'s text holding `position`, or nil when `position` is outside the statement.
    static func excerpt(at position: SourcePosition, in statement: LintStatement) -> LintExcerpt? {
        let start = statement.start
        return line(position.line, of: statement.text, firstLine: start.line).map {
            LintExcerpt(line: position.line, column: position.line == start.line ? start.column : 1, text: $0)
        }
    }

    /// Line `number` of `text`, whose first line is `firstLine`, without its line break.
    private static func line(_ number: Int, of text: String, firstLine: Int) -> String? {
        guard number >= firstLine else { return nil }
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var line = firstLine
        while line < number {
            guard let newline = utf8[lineStart...].firstIndex(of: 0x0A) else { return nil }
            lineStart = utf8.index(after: newline)
            line += 1
        }
        var lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
        if lineEnd > lineStart, utf8[utf8.index(before: lineEnd)] == 0x0D { lineEnd = utf8.index(before: lineEnd) }
        return String(decoding: utf8[lineStart..<lineEnd], as: UTF8.self)
    }
}
