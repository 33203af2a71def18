/// `-- strata:nolint` that suppresses nothing: the risky statement was changed or removed, the rule id is misspelt,
/// or the comment is not where it applies. Reported by the `Linter` itself; `check` finds nothing.
package struct UnusedSuppression: LintRule {
    /// The rule's id, used by the `Linter` to find it.
    package static let ruleID = "unused-suppression"

    /// Creates the rule.
    package init() {}

    /// `unused-suppression`.
    package var id: String { Self.ruleID }
    /// A warning: a stale suppression hides the next real problem.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "A `-- strata:nolint` comment that suppresses nothing." }
    /// The safe alternative.
    package var help: String {
        "remove the comment, fix the rule id, or move it to the line right before the statement it is meant for"
    }

    /// The `Linter` reports unused suppressions after all other rules ran; this finds nothing on its own.
    package func check(_ file: LintFile) -> [LintViolation] { [] }
}
