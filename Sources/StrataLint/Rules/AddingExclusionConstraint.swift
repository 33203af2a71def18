/// `ALTER TABLE … ADD … EXCLUDE …`: PostgreSQL builds the constraint's index and checks every row while holding an
/// ACCESS EXCLUSIVE lock, and an exclusion constraint can be neither `NOT VALID` nor built concurrently.
package struct AddingExclusionConstraint: LintRule {
    /// Creates the rule.
    package init() {}

    /// `adding-exclusion-constraint`.
    package var id: String { "adding-exclusion-constraint" }
    /// An error: reads and writes stop while the index is built over the whole table.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ADD CONSTRAINT … EXCLUDE builds an index and checks every row under an ACCESS EXCLUSIVE lock."
    }
    /// The safe alternative.
    package var help: String {
        "there is no lock-free way to add an exclusion constraint to a populated table: declare it when the table is "
            + "created, or add it in a maintenance window with lock_timeout and statement_timeout set"
    }

    /// Flags `ADD [CONSTRAINT name] EXCLUDE` on a table that was not created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let constraint = action.addedConstraint, constraint.kind == .exclude else { continue }
                let name = constraint.name.map { "exclusion constraint \"\($0)\"" } ?? "an exclusion constraint"
                violations.append(
                    violation(
                        "adding \(name) to \(alter.table) builds its index and checks every row while holding an "
                            + "ACCESS EXCLUSIVE lock that blocks reads and writes",
                        at: statement, token: constraint.kindIndex))
            }
        }
        return violations
    }
}
