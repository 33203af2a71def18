/// A `BEGIN` (or `START TRANSACTION`) whose block the section never ends with `COMMIT` or `ROLLBACK`: the
/// migration's work stays in an open transaction, which is rolled back when the connection closes.
package struct BanUncommittedTransaction: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-uncommitted-transaction`.
    package var id: String { "ban-uncommitted-transaction" }
    /// An error: the migration's changes may silently be thrown away, while its locks are held.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "A BEGIN that is never committed or rolled back." }
    /// The safe alternative.
    package var help: String {
        "end the block with COMMIT (or ROLLBACK), or remove BEGIN and let Strata run the file in its own transaction"
    }

    /// Flags the `BEGIN` of a block still open after the last statement of its section.
    package func check(_ file: LintFile) -> [LintViolation] {
        LintSection.allCases.compactMap { section in
            let statements = file.statements(in: section)
            guard statements.contains(where: { TransactionControlKind($0) == .begin }),
                let open = file.transactionBlocks(in: section).unclosedBegin
            else { return nil }
            return violation(
                "this transaction is never committed or rolled back: the migration's changes stay uncommitted, "
                    + "holding their locks, and are lost when the connection closes",
                at: statements[open])
        }
    }
}
