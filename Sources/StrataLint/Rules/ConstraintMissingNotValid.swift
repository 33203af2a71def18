/// A `CHECK` or `FOREIGN KEY` constraint added to an existing table without `NOT VALID`, or added `NOT VALID` and
/// validated in the same transaction: either way every row is checked while the lock taken by `ADD CONSTRAINT`
/// (ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE for a foreign key) is held.
package struct ConstraintMissingNotValid: LintRule {
    /// Creates the rule.
    package init() {}

    /// `constraint-missing-not-valid`.
    package var id: String { "constraint-missing-not-valid" }
    /// An error: the table is locked for the length of a full scan.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "CHECK or FOREIGN KEY without NOT VALID, or validated in the same transaction, scans under a blocking lock."
    }
    /// The safe alternative.
    package var help: String {
        "add the constraint with NOT VALID (instant), then run ALTER TABLE … VALIDATE CONSTRAINT in a later "
            + "migration, or in a `-- strata:no-transaction` file: validation takes a lock that lets reads and "
            + "writes continue"
    }

    private var sameTransactionHelp: String {
        "move VALIDATE CONSTRAINT to a later migration (or make this file `-- strata:no-transaction` so each "
            + "statement commits on its own)"
    }

    /// Flags `ADD … CHECK` / `ADD … FOREIGN KEY` without `NOT VALID`, and `VALIDATE CONSTRAINT` of a constraint
    /// added `NOT VALID` earlier in the same transaction; a table created earlier in the section is left alone.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for section in LintSection.allCases {
            var blocks: TransactionBlocks?
            // Constraints added NOT VALID so far in the section: table, name, statement.
            var notValid: [(table: LintObjectName, name: String, statement: LintStatement)] = []
            for statement in file.statements(in: section) {
                guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else {
                    continue
                }
                for action in alter.actions {
                    if let constraint = action.addedConstraint,
                        constraint.kind == .check || constraint.kind == .foreignKey
                    {
                        if constraint.isNotValid {
                            if let name = constraint.name { notValid.append((alter.table, name, statement)) }
                            continue
                        }
                        let kind = constraint.kind == .check ? "CHECK" : "FOREIGN KEY"
                        let lock = constraint.kind == .check ? "an ACCESS EXCLUSIVE" : "a SHARE ROW EXCLUSIVE"
                        let name = constraint.name.map { " \"\($0)\"" } ?? ""
                        violations.append(
                            violation(
                                "adding \(kind) constraint\(name) to \(alter.table) without NOT VALID checks every "
                                    + "existing row while holding \(lock) lock",
                                at: statement, token: constraint.kindIndex))
                    } else if let validated = action.validatedConstraint,
                        let added = notValid.last(where: { $0.name == validated && $0.table.matches(alter.table) })
                    {
                        let transactionBlocks = blocks ?? file.transactionBlocks(in: section)
                        blocks = transactionBlocks
                        guard file.runInSameTransaction(added.statement, statement, blocks: transactionBlocks) else {
                            continue
                        }
                        violations.append(
                            violation(
                                "constraint \"\(validated)\" is validated in the same transaction that added it NOT "
                                    + "VALID, so the lock taken by ADD CONSTRAINT is still held during the scan",
                                at: statement, token: action.startIndex, help: sameTransactionHelp))
                    }
                }
            }
        }
        return violations
    }
}
