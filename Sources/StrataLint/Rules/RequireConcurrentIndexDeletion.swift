/// `DROP INDEX` without `CONCURRENTLY`: it takes an ACCESS EXCLUSIVE lock on the index's table, blocking reads and
/// writes while it waits for running queries to finish.
package struct RequireConcurrentIndexDeletion: LintRule {
    /// Creates the rule.
    package init() {}

    /// `require-concurrent-index-deletion`.
    package var id: String { "require-concurrent-index-deletion" }
    /// An error: every query on the table queues behind the drop.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "DROP INDEX without CONCURRENTLY locks the table against reads and writes."
    }
    /// The safe alternative.
    package var help: String {
        "use DROP INDEX CONCURRENTLY (one index per statement) in a file marked `-- strata:no-transaction`"
    }

    /// Flags `DROP INDEX` without `CONCURRENTLY`, except when every dropped index was created earlier in the same
    /// section.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let drop = statement.dropIndex, !drop.isConcurrent else { return nil }
            if !drop.names.isEmpty, drop.names.allSatisfy({ file.creates(.index, named: $0, before: statement) }) {
                return nil
            }
            let names = drop.names.map(\.description).joined(separator: ", ")
            return violation(
                "DROP INDEX \(names) without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table, blocking "
                    + "reads and writes until it finishes",
                at: statement, token: drop.indexKeywordIndex)
        }
    }
}
