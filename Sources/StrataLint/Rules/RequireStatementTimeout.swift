/// A statement that takes a conflicting lock on an existing object while no `statement_timeout` is set: if it scans
/// or rewrites a large table, it holds its lock for as long as that takes.
package struct RequireStatementTimeout: LintRule {
    /// Creates the rule.
    package init() {}

    /// `require-statement-timeout`.
    package var id: String { "require-statement-timeout" }
    /// A warning.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "A locking statement runs without statement_timeout, so a slow scan or rewrite holds its lock unbounded."
    }
    /// The safe alternative.
    package var help: String {
        "add `-- strata:statement-timeout 1min` to the file (or `SET statement_timeout = '1min';` before the statement)"
    }

    /// Flags the first locking statement of each section that runs without `statement_timeout`. `CONCURRENTLY`
    /// operations are left out: they are long by design and a timeout would leave an invalid index behind.
    package func check(_ file: LintFile) -> [LintViolation] {
        if file.statementTimeoutAppliedByRunner || file.hasDirective("statement-timeout") { return [] }
        var violations: [LintViolation] = []
        for section in LintSection.allCases {
            for statement in file.statements(in: section) {
                guard let locking = LockingStatement(statement, in: file), !locking.isConcurrent,
                    !file.setsStatementTimeout(before: statement)
                else { continue }
                violations.append(
                    violation(
                        "\(locking.description) runs without statement_timeout: if it has to scan or rewrite a large "
                            + "table, it holds its lock for as long as that takes",
                        at: statement))
                break
            }
        }
        return violations
    }
}
