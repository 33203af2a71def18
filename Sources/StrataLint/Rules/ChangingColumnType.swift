/// `ALTER TABLE … ALTER COLUMN … TYPE` on an existing table: unless the old type converts to the new one without
/// a rewrite, PostgreSQL rewrites the table and rebuilds its indexes while an ACCESS EXCLUSIVE lock blocks every read
/// and write.
package struct ChangingColumnType: LintRule {
    /// Creates the rule.
    package init() {}

    /// `changing-column-type`.
    package var id: String { "changing-column-type" }
    /// An error: the table is unusable during the rewrite.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ALTER COLUMN … TYPE can rewrite the table and its indexes under an ACCESS EXCLUSIVE lock."
    }
    /// The safe alternative.
    package var help: String {
        "add a column of the new type, keep both in sync (trigger or application), backfill it in batches, switch "
            + "readers to it, then drop the old column; changes PostgreSQL makes without a rewrite (varchar(n) to "
            + "text or to a longer varchar, dropping a length limit) can be suppressed with `-- strata:nolint "
            + "changing-column-type`"
    }

    /// Flags every `ALTER COLUMN … [SET DATA] TYPE`, except on a table created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let change = action.changedColumnType else { continue }
                let type = change.type.isEmpty ? "" : " to \(change.type.sourceText)"
                violations.append(
                    violation(
                        "changing the type of column \"\(change.column)\" of \(alter.table)\(type) can rewrite the "
                            + "whole table and rebuild its indexes while holding an ACCESS EXCLUSIVE lock that "
                            + "blocks every read and write",
                        at: statement, token: change.typeIndex))
            }
        }
        return violations
    }
}
