/// `ALTER TABLE … ADD COLUMN … GENERATED ALWAYS AS (…) STORED`: PostgreSQL computes the value for every existing row,
/// rewriting the whole table under an ACCESS EXCLUSIVE lock.
package struct AddingStoredGeneratedColumn: LintRule {
    /// Creates the rule.
    package init() {}

    /// `adding-stored-generated-column`.
    package var id: String { "adding-stored-generated-column" }
    /// An error: reads and writes stop while every row is rewritten.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ADD COLUMN … GENERATED ALWAYS AS (…) STORED rewrites the table under an ACCESS EXCLUSIVE lock."
    }
    /// The safe alternative (before PostgreSQL 18).
    package var help: String {
        "add a plain nullable column, fill new rows with a trigger, backfill existing rows in batches; or compute the "
            + "value in a view or an expression index"
    }

    private var help18: String {
        "on PostgreSQL 18 and later, drop STORED (or write VIRTUAL): a virtual generated column is computed on read "
            + "and adding it rewrites nothing"
    }

    /// Flags stored generated columns added to a table that was not created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let column = action.addedColumn, column.isStoredGenerated else { continue }
                let generatedIndex = column.constraints.firstIndex(of: ["generated"], topLevelOnly: true)
                violations.append(
                    violation(
                        "adding the stored generated column \"\(column.name)\" to \(alter.table) computes it for every "
                            + "existing row, rewriting the whole table under an ACCESS EXCLUSIVE lock",
                        at: statement, token: generatedIndex ?? column.nameIndex,
                        help: file.targetPostgresVersion >= 18 ? help18 : nil))
            }
        }
        return violations
    }
}
