/// `DROP DATABASE` in a migration: every table and row of that database is gone, with no rollback.
package struct BanDropDatabase: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-database`.
    package var id: String { "ban-drop-database" }
    /// An error: irreversible loss of a whole database.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "DROP DATABASE in a migration deletes a whole database." }
    /// The safe alternative.
    package var help: String {
        "drop databases by hand, after a backup, outside the migration history; migrations should not create or "
            + "destroy the database they run in"
    }

    /// Flags every `DROP DATABASE`.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard statement.starts(with: "drop", "database"), let drop = DropObjectStatement(statement) else {
                return nil
            }
            let name = drop.names.first.map { " \($0)" } ?? ""
            return violation(
                "dropping database\(name) deletes every table and row in it, and cannot be rolled back",
                at: statement, token: drop.kindIndex)
        }
    }
}
