/// `DROP DATABASE` in a migration: every table and row of that database is gone, with no rollback.
public struct BanDropDatabase: LintRule {
    /// Creates the rule.
    public init() {}

    /// `ban-drop-database`.
    public var id: String { "ban-drop-database" }
    /// An error: irreversible loss of a whole database.
    public var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    public var summary: String { "DROP DATABASE in a migration deletes a whole database." }
    /// The safe alternative.
    public var help: String {
        "drop databases by hand, after a backup, outside the migration history; migrations should not create or "
            + "destroy the database they run in"
    }

    /// Flags every `DROP DATABASE`.
    public func check(_ file: LintFile) -> [LintViolation] {
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
