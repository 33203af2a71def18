/// `CREATE INDEX` without `CONCURRENTLY` on a table that already exists: the build holds a SHARE lock, so every
/// INSERT, UPDATE and DELETE on the table waits until the whole index is built.
package struct RequireConcurrentIndexCreation: LintRule {
    /// Creates the rule.
    package init() {}

    /// `require-concurrent-index-creation`.
    package var id: String { "require-concurrent-index-creation" }
    /// An error: writes stop for as long as the build takes.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "CREATE INDEX without CONCURRENTLY blocks writes to the table while the index builds." }
    /// The safe alternative.
    package var help: String {
        "use CREATE INDEX CONCURRENTLY in a file marked `-- strata:no-transaction`; it builds without blocking writes"
    }

    /// Flags `CREATE INDEX` without `CONCURRENTLY`, except on a table or materialized view created earlier in the
    /// same section and `ON ONLY` (a partitioned parent's index, created instantly).
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let index = statement.createIndex, !index.isConcurrent, !index.isOnly,
                !file.createsTable(index.table, before: statement),
                !file.creates(.materializedView, named: index.table, before: statement)
            else { return nil }
            let kind = index.isUnique ? "CREATE UNIQUE INDEX" : "CREATE INDEX"
            let help =
                file.runsInTransaction
                ? nil : "write CREATE INDEX CONCURRENTLY; this file already runs outside a transaction"
            return violation(
                "\(kind) on \(index.table) without CONCURRENTLY holds a SHARE lock that blocks every write to the "
                    + "table until the index is built",
                at: statement, token: index.indexKeywordIndex, help: help)
        }
    }
}
