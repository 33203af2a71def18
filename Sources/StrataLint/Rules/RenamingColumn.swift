/// `ALTER TABLE … RENAME COLUMN`: the application version still running reads and writes the old name, so its
/// queries fail from the moment the migration commits until every instance runs the new code.
package struct RenamingColumn: LintRule {
    /// Creates the rule.
    package init() {}

    /// `renaming-column`.
    package var id: String { "renaming-column" }
    /// An error: the running application breaks.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "Renaming a column breaks the application code that still uses the old name." }
    /// The safe alternative.
    package var help: String {
        "add a column with the new name, write to both and backfill, move readers to the new column, then drop the "
            + "old one in a later migration (or keep the old name)"
    }

    /// Flags `RENAME [COLUMN] a TO b`, except on a table created earlier in the section, for a column added earlier
    /// in the section, and in the down section when it undoes the up section's rename.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let rename = action.renamedColumn,
                    !file.addsColumn(rename.from, to: alter.table, before: statement),
                    !Self.undoesUpRename(from: rename.from, to: rename.to, table: alter.table, statement, in: file)
                else { continue }
                violations.append(
                    violation(
                        "renaming column \"\(rename.from)\" of \(alter.table) to \"\(rename.to)\" breaks every "
                            + "running query and application instance that still uses \"\(rename.from)\"",
                        at: statement, token: rename.renameIndex))
            }
        }
        return violations
    }

    /// True when `statement` is in the down section and renames back a column the up section renamed.
    private static func undoesUpRename(
        from: String, to: String, table: LintObjectName, _ statement: LintStatement, in file: LintFile
    ) -> Bool {
        file.upSectionAlterTables(undoneBy: statement).contains { alter in
            alter.table.matches(table)
                && alter.actions.contains { $0.renamedColumn.map { $0.from == to && $0.to == from } ?? false }
        }
    }
}
