import StrataSQL

/// One lint rule: a kebab-case id, what it catches, the safe alternative, and a check over a whole file.
///
/// A rule is a stateless value. To add one: write a type conforming to `LintRule` in `Sources/StrataLint/Rules/`,
/// add it to `RuleRegistry.standard` (`Rules/StandardRules.swift`), write `docs/rules/<id>.md` and put a triggering
/// and a passing fixture in `Tests/StrataLintTests/Fixtures/rules/<id>/`.
public protocol LintRule: Sendable {
    /// The rule's kebab-case id, as written in `-- strata:nolint` and in configuration.
    var id: String { get }
    /// The severity of the rule's findings unless configuration overrides it.
    var defaultSeverity: LintSeverity { get }
    /// One line saying what the rule catches.
    var summary: String { get }
    /// The safe alternative, shown under every finding unless the finding carries its own.
    var help: String { get }
    /// The rule's documentation page relative to the repository root; by default `docs/rules/<id>.md`.
    var documentationPath: String { get }
    /// Every violation of the rule in `file`. Called once per file; must not depend on anything but `file`.
    func check(_ file: LintFile) -> [LintViolation]
}

extension LintRule {
    /// `docs/rules/<id>.md`.
    public var documentationPath: String { "docs/rules/\(id).md" }

    /// A violation of this rule at `statement`, pointing at its significant token `tokenIndex` (its first token when nil).
    public func violation(
        _ message: String, at statement: LintStatement, token tokenIndex: Int? = nil, help: String? = nil
    ) -> LintViolation {
        let position = tokenIndex.flatMap { statement.token(at: $0)?.start } ?? statement.start
        return LintViolation(ruleID: id, message: message, position: position, statement: statement.id, help: help)
    }

    /// A violation of this rule that belongs to the whole file rather than to a statement (reported at line 1).
    public func fileViolation(_ message: String, help: String? = nil) -> LintViolation {
        LintViolation(
            ruleID: id, message: message, position: SourcePosition(offset: 0, line: 1, column: 1), statement: nil,
            help: help)
    }
}
