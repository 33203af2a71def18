/// `ALTER TABLE … DROP COLUMN`: the column's data is gone, and the application version still running fails on
/// queries that name it (including `INSERT`s with an explicit column list).
package struct BanDropColumn: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-column`.
    package var id: String { "ban-drop-column" }
    /// An error: data loss and broken queries.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "Dropping a column loses its data and breaks code that still uses it." }
    /// The safe alternative.
    package var help: String {
        "first deploy code that no longer reads or writes the column (Rails: ignored_columns; other ORMs: remove it "
            + "from the model), then drop it in a later migration with `-- strata:nolint ban-drop-column`"
    }

    /// Flags `DROP [COLUMN]`, except on a table created earlier in the section, for a column added earlier in the
    /// section, and in the down section for a column the up section adds.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let dropped = action.droppedColumn,
                    !file.addsColumn(dropped.name, to: alter.table, before: statement),
                    !file.upSectionAddsColumn(dropped.name, to: alter.table, undoneBy: statement)
                else { continue }
                violations.append(
                    violation(
                        "dropping column \"\(dropped.name)\" of \(alter.table) deletes its data and breaks every "
                            + "query of the running application that still uses it",
                        at: statement, token: action.startIndex))
            }
        }
        return violations
    }
}
