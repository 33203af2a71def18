/// A statement that takes a conflicting lock on an existing object while no `lock_timeout` is set. Waiting for the
/// lock behind one long transaction, it makes every later query on the object queue behind it: an outage.
package struct RequireLockTimeout: LintRule {
    /// Creates the rule.
    package init() {}

    /// `require-lock-timeout`.
    package var id: String { "require-lock-timeout" }
    /// A warning: harmless on a quiet database, an outage on a busy one.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "A locking statement runs without lock_timeout, so its wait can block all traffic." }
    /// The safe alternative.
    package var help: String {
        "add `-- strata:lock-timeout 5s` to the file (or `SET lock_timeout = '5s';` before the statement); Strata "
            + "retries a migration that times out waiting for its lock"
    }

    /// Flags the first locking statement of each section that runs without `lock_timeout`.
    package func check(_ file: LintFile) -> [LintViolation] {
        if file.lockTimeoutAppliedByRunner || file.hasDirective("lock-timeout") { return [] }
        var violations: [LintViolation] = []
        for section in LintSection.allCases {
            for statement in file.statements(in: section) {
                guard let locking = LockingStatement(statement, in: file), !file.setsLockTimeout(before: statement)
                else { continue }
                violations.append(
                    violation(
                        "\(locking.description) runs without lock_timeout: while it waits for its lock, every "
                            + "later query on the object waits behind it",
                        at: statement))
                break
            }
        }
        return violations
    }
}
