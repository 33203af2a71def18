/// `CREATE INDEX CONCURRENTLY` in a file Strata runs inside a transaction (or inside the file's own `BEGIN`):
/// PostgreSQL refuses it ("cannot run inside a transaction block"), so the migration fails.
package struct BanConcurrentIndexCreationInTransaction: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-concurrent-index-creation-in-transaction`.
    package var id: String { "ban-concurrent-index-creation-in-transaction" }
    /// An error: the migration cannot succeed.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "CREATE INDEX CONCURRENTLY inside a transaction fails: PostgreSQL cannot build concurrently in a transaction block."
    }
    /// The safe alternative.
    package var help: String {
        "add `-- strata:no-transaction` at the top of the file and keep the CONCURRENTLY statement in a file of its own"
    }

    /// Flags `CREATE INDEX CONCURRENTLY` in a transactional file or between the file's own `BEGIN` and `COMMIT`.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let index = statement.createIndex, index.isConcurrent, file.runsInTransaction(statement) else {
                return nil
            }
            if file.runsInTransaction {
                return violation(
                    "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and Strata runs this file in "
                        + "one (it has no `-- strata:no-transaction`)",
                    at: statement, token: index.concurrentlyIndex)
            }
            return violation(
                "CREATE INDEX CONCURRENTLY cannot run inside the transaction block the file opens with BEGIN",
                at: statement, token: index.concurrentlyIndex,
                help: "move the statement outside BEGIN … COMMIT; a concurrent build manages its own transactions")
        }
    }
}
