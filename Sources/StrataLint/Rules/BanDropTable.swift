/// `DROP TABLE` of an existing table: its data is gone, and the application version still running fails on every
/// query that uses it.
package struct BanDropTable: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-table`.
    package var id: String { "ban-drop-table" }
    /// An error: data loss and broken queries.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "Dropping a table loses its data and breaks code that still uses it." }
    /// The safe alternative.
    package var help: String {
        "first deploy code that no longer uses the table, keep a backup (or rename it away and drop it later), then "
            + "drop it in a later migration with `-- strata:nolint ban-drop-table`"
    }

    /// Flags `DROP TABLE`, except for tables created earlier in the section and, in the down section, tables the up
    /// section creates.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard statement.starts(with: "drop", "table"), let drop = DropObjectStatement(statement) else { return nil }
            let existing = drop.names.filter { name in
                !file.createsTable(name, before: statement)
                    && !file.upSectionCreates(.table, named: name, undoneBy: statement)
            }
            if existing.isEmpty, !drop.names.isEmpty { return nil }
            let names = existing.map(\.description).joined(separator: ", ")
            let cascade = drop.isCascade ? ", with CASCADE also the views and foreign keys that depend on it," : ""
            return violation(
                "dropping table \(names) deletes its data\(cascade) and breaks every query of the running "
                    + "application that still uses it",
                at: statement, token: drop.kindIndex)
        }
    }
}
