/// `ALTER TABLE … ADD COLUMN … NOT NULL` without a `DEFAULT` on an existing table: PostgreSQL fills the new column
/// with NULL for every existing row, so the statement fails as soon as the table has one row.
package struct AddingRequiredField: LintRule {
    /// Creates the rule.
    package init() {}

    /// `adding-required-field`.
    package var id: String { "adding-required-field" }
    /// An error: the migration fails on any table with data.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows."
    }
    /// The safe alternative.
    package var help: String {
        "add the column with a constant DEFAULT (no rewrite from PostgreSQL 11), or add it nullable, backfill it in "
            + "batches and then set NOT NULL"
    }

    /// Types whose columns get a default from a sequence (`serial` and friends).
    static let serialTypes: Set<String> = ["serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"]

    /// Flags each added column that is NOT NULL (or PRIMARY KEY) with no default, identity or generated value,
    /// except on a table created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let column = action.addedColumn, column.isNotNull || column.isPrimaryKey,
                    !column.isIdentity, !column.isStoredGenerated, !Self.serialTypes.contains(column.typeName),
                    !Self.hasDefault(column)
                else { continue }
                let constraint = column.isNotNull ? "NOT NULL" : "PRIMARY KEY (which implies NOT NULL)"
                let pointer =
                    column.constraints.firstIndex(
                        of: column.isNotNull ? ["not", "null"] : ["primary", "key"],
                        topLevelOnly: true) ?? column.nameIndex
                violations.append(
                    violation(
                        "adding column \"\(column.name)\" to \(alter.table) as \(constraint) without a DEFAULT fails "
                            + "when the table has rows: every existing row would get NULL",
                        at: statement, token: pointer))
            }
        }
        return violations
    }

    /// True when the column has a `DEFAULT` other than `NULL`.
    private static func hasDefault(_ column: ColumnDefinition) -> Bool {
        guard let expression = column.defaultExpression, !expression.isEmpty else { return false }
        return !(expression.count == 1 && expression.isWord("null", at: expression.startIndex))
    }
}
