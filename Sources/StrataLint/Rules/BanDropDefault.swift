/// `ALTER TABLE … ALTER COLUMN c DROP DEFAULT` on an existing column: inserts of the running application that omit
/// the column now store NULL, or fail on a NOT NULL column (squawk's `ban-drop-default`).
package struct BanDropDefault: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-default`.
    package var id: String { "ban-drop-default" }
    /// A warning: inserts change meaning or start failing.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "Dropping a column default changes or breaks inserts that omit the column." }
    /// The safe alternative.
    package var help: String {
        "first deploy code that always writes the column, then drop the default in a later migration with "
            + "`-- strata:nolint ban-drop-default`"
    }

    /// Flags `ALTER [COLUMN] c DROP DEFAULT`, except on a table or column new to the section and, in the down
    /// section, a default the up section sets.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.isNewTable(alter.table, at: statement) else { continue }
            for action in alter.actions {
                guard let altered = action.alteredColumn, altered.rest.starts(with: "drop", "default") else { continue }
                let column = altered.name
                if file.addsColumn(column, to: alter.table, before: statement)
                    || file.upSectionAddsColumn(column, to: alter.table, undoneBy: statement)
                    || Self.upSectionSetsDefault(of: column, on: alter.table, file: file, undoneBy: statement)
                {
                    continue
                }
                violations.append(
                    violation(
                        "dropping the default of column \"\(column)\" of \(alter.table): inserts of the running "
                            + "application that omit the column now store NULL, or fail if it is NOT NULL",
                        at: statement, token: altered.rest.startIndex))
            }
        }
        return violations
    }

    private static func upSectionSetsDefault(
        of column: String, on table: LintObjectName, file: LintFile, undoneBy statement: LintStatement
    ) -> Bool {
        file.upSectionAlterTables(undoneBy: statement).contains { upAlter in
            upAlter.table.matches(table)
                && upAlter.actions.contains { action in
                    guard let altered = action.alteredColumn, altered.name == column else { return false }
                    return altered.rest.starts(with: "set", "default")
                }
        }
    }
}
