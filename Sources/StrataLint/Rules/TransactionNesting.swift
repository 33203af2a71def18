/// Transaction control inside a transaction: `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`… in a file Strata already
/// runs in one transaction (Strata refuses to run it: a `COMMIT` would end Strata's transaction half way), or a
/// `BEGIN` inside the file's own open `BEGIN` block (PostgreSQL only warns, and the first `COMMIT` ends both).
package struct TransactionNesting: LintRule {
    /// Creates the rule.
    package init() {}

    /// `transaction-nesting`.
    package var id: String { "transaction-nesting" }
    /// An error: the migration is refused, or its statements are not atomic as written.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "BEGIN / COMMIT / ROLLBACK inside a file Strata runs in a transaction, or a BEGIN nested in another."
    }
    /// The safe alternative.
    package var help: String {
        "remove the transaction statements: Strata already runs the file in one transaction (add "
            + "`-- strata:no-transaction` only if you need to control transactions yourself)"
    }

    /// Flags every transaction-control statement of a transactional file, and nested `BEGIN`s of a
    /// no-transaction file.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for section in LintSection.allCases {
            let statements = file.statements(in: section)
            if file.runsInTransaction {
                for statement in statements where TransactionControlKind(statement) != nil {
                    let first = (statement.word(at: 0) ?? "").uppercased()
                    let what = first == "START" || first == "PREPARE" ? first + " TRANSACTION" : first
                    violations.append(
                        violation(
                            "\(what) inside a file Strata runs in one transaction: Strata refuses to run it, since "
                                + "it would end or change Strata's own transaction",
                            at: statement))
                }
                continue
            }
            guard statements.contains(where: { TransactionControlKind($0) == .begin }) else { continue }
            for index in file.transactionBlocks(in: section).nestedBegins {
                violations.append(
                    violation(
                        "BEGIN inside a transaction the file already opened: PostgreSQL ignores it with a warning, "
                            + "and the next COMMIT ends the outer transaction too",
                        at: statements[index],
                        help: "remove the inner BEGIN (and its COMMIT), or COMMIT the first block before this one"))
            }
        }
        return violations
    }
}
