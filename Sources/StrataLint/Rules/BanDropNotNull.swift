/// `ALTER TABLE … ALTER COLUMN … DROP NOT NULL`: the application version still running may assume the column is
/// never NULL, and NULLs written now are hard to take back (setting NOT NULL again needs a full scan).
package struct BanDropNotNull: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-not-null`.
    package var id: String { "ban-drop-not-null" }
    /// A warning: a compatibility risk, not a lock.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "Dropping NOT NULL lets NULLs into a column that existing code may assume is never NULL."
    }
    /// The safe alternative.
    package var help: String {
        "make sure every reader of the column handles NULL before dropping NOT NULL; restoring it later needs a "
            + "full-table scan (see adding-not-nullable-field)"
    }

    /// Flags `DROP NOT NULL`, except on a table created earlier in the section, for a column added earlier in the
    /// section, and in the down section when it undoes the up section's `SET NOT NULL`.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let dropped = action.droppedNotNull,
                    !file.addsColumn(dropped.column, to: alter.table, before: statement)
                else { continue }
                let undoesUp = file.upSectionAlterTables(undoneBy: statement).contains { upAlter in
                    upAlter.table.matches(alter.table)
                        && upAlter.actions.contains { $0.setNotNullColumn == dropped.column }
                }
                if undoesUp { continue }
                violations.append(
                    violation(
                        "dropping NOT NULL from column \"\(dropped.column)\" of \(alter.table) lets NULLs into a "
                            + "column that the running application may assume is never NULL",
                        at: statement, token: dropped.dropIndex))
            }
        }
        return violations
    }
}
