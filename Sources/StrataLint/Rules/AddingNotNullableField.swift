/// `ALTER TABLE … ALTER COLUMN … SET NOT NULL`: PostgreSQL scans the whole table for NULLs while holding an ACCESS
/// EXCLUSIVE lock. From PostgreSQL 12 the scan is skipped when a validated `CHECK (col IS NOT NULL)` proves it.
package struct AddingNotNullableField: LintRule {
    /// Creates the rule.
    package init() {}

    /// `adding-not-nullable-field`.
    package var id: String { "adding-not-nullable-field" }
    /// An error: reads and writes stop for the length of a full table scan.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK proves it (PostgreSQL 12+)."
    }
    /// The safe alternative (PostgreSQL 12 and later).
    package var help: String {
        "first ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT (no blocking lock), then "
            + "SET NOT NULL (PostgreSQL 12+ skips the scan), then drop the CHECK"
    }

    private var helpBefore12: String {
        "before PostgreSQL 12 SET NOT NULL always scans: keep a CHECK (col IS NOT NULL) constraint added NOT VALID "
            + "and validated in a separate statement instead"
    }

    /// Flags `SET NOT NULL`, except on a table created earlier in the section and, from PostgreSQL 12, after a
    /// validated `CHECK (col IS NOT NULL)` earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let altered = action.alteredColumn,
                    let setIndex = altered.rest.firstIndex(of: ["set", "not", "null"], topLevelOnly: true)
                else { continue }
                let modern = file.targetPostgresVersion >= 12
                if modern, Self.hasValidatedNotNullCheck(on: alter.table, column: altered.name, before: statement, in: file)
                {
                    continue
                }
                violations.append(
                    violation(
                        "SET NOT NULL on column \"\(altered.name)\" of \(alter.table) scans the whole table for NULLs "
                            + "while holding an ACCESS EXCLUSIVE lock",
                        at: statement, token: setIndex, help: modern ? nil : helpBefore12))
            }
        }
        return violations
    }

    /// True when an earlier statement of the section adds `CHECK (column IS NOT NULL)` on `table` and it is
    /// validated: added without `NOT VALID`, or validated later with `VALIDATE CONSTRAINT`.
    static func hasValidatedNotNullCheck(
        on table: LintObjectName, column: String, before statement: LintStatement, in file: LintFile
    ) -> Bool {
        var unvalidated: Set<String> = []
        for earlier in file.statements(before: statement) {
            guard let alter = earlier.alterTable, alter.table.matches(table) else { continue }
            for action in alter.actions {
                if let constraint = action.addedConstraint, constraint.notNullCheckColumn == column {
                    guard constraint.isNotValid else { return true }
                    if let name = constraint.name { unvalidated.insert(name) }
                } else if let name = action.validatedConstraint, unvalidated.contains(name) {
                    return true
                }
            }
        }
        return false
    }
}
