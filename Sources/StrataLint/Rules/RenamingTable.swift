/// `ALTER TABLE … RENAME TO`: the application version still running queries the old name, so its queries fail from
/// the moment the migration commits until every instance runs the new code.
package struct RenamingTable: LintRule {
    /// Creates the rule.
    package init() {}

    /// `renaming-table`.
    package var id: String { "renaming-table" }
    /// An error: the running application breaks.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "Renaming a table breaks the application code that still uses the old name." }
    /// The safe alternative.
    package var help: String {
        "keep the old name, or rename in steps: rename the table and create a view with the old name "
            + "(`CREATE VIEW old AS SELECT * FROM new`, updatable for simple tables) until no code uses the old name"
    }

    /// Flags `ALTER TABLE … RENAME TO`, except for a table created earlier in the section and in the down section
    /// when it undoes the up section's rename.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let rename = action.renamedTable else { continue }
                let undoesUp = file.upSectionAlterTables(undoneBy: statement).contains { upAlter in
                    upAlter.table.name == rename.to
                        && upAlter.actions.contains { $0.renamedTable?.to == alter.table.name }
                }
                if undoesUp { continue }
                violations.append(
                    violation(
                        "renaming table \(alter.table) to \"\(rename.to)\" breaks every running query and "
                            + "application instance that still uses \(alter.table)",
                        at: statement, token: rename.renameIndex))
            }
        }
        return violations
    }
}
