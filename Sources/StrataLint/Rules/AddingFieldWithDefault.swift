/// `ALTER TABLE … ADD COLUMN … DEFAULT expr` that rewrites the table: always with a volatile default (evaluated per
/// row), and with any default before PostgreSQL 11. A rewrite holds an ACCESS EXCLUSIVE lock for its whole duration.
package struct AddingFieldWithDefault: LintRule {
    /// Creates the rule.
    package init() {}

    /// `adding-field-with-default`.
    package var id: String { "adding-field-with-default" }
    /// An error: reads and writes stop while every row is rewritten.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ADD COLUMN with a volatile DEFAULT (or any DEFAULT before PostgreSQL 11) rewrites the table under an ACCESS EXCLUSIVE lock."
    }
    /// The safe alternative.
    package var help: String {
        "add the column without the default, set the default with ALTER COLUMN … SET DEFAULT (it applies to new rows "
            + "only), then backfill existing rows in batches"
    }

    /// Flags each added column whose default forces a rewrite, except on a table created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let column = action.addedColumn, let expression = column.defaultExpression,
                    let defaultIndex = column.defaultIndex, !expression.isEmpty
                else { continue }
                if expression.count == 1, expression.isWord("null", at: expression.startIndex) { continue }
                let target = "column \"\(column.name)\" to \(alter.table)"
                if let call = FunctionCall.calls(in: expression).first(where: { $0.volatility != .nonVolatile }) {
                    let why =
                        call.volatility == .volatile
                        ? "\(call.name)() is volatile"
                        : "\(call.name)() is not a built-in known to be IMMUTABLE or STABLE"
                    violations.append(
                        violation(
                            "adding \(target) with DEFAULT \(expression.sourceText) rewrites the whole table under an "
                                + "ACCESS EXCLUSIVE lock: \(why), so it is evaluated for every row",
                            at: statement, token: call.nameIndex))
                } else if file.targetPostgresVersion < 11 {
                    violations.append(
                        violation(
                            "adding \(target) with a DEFAULT rewrites the whole table under an ACCESS EXCLUSIVE lock "
                                + "on PostgreSQL \(file.targetPostgresVersion) (only PostgreSQL 11 and later store a "
                                + "constant default without a rewrite)",
                            at: statement, token: defaultIndex))
                }
            }
        }
        return violations
    }
}
