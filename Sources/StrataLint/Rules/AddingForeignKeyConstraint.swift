/// A foreign key added to an existing table without `NOT VALID` (`ADD CONSTRAINT … FOREIGN KEY`, or a new column
/// with `REFERENCES`): PostgreSQL checks every existing row while holding SHARE ROW EXCLUSIVE locks on both the
/// table and the referenced table, so writes to both stop for the length of the scan.
package struct AddingForeignKeyConstraint: LintRule {
    /// Creates the rule.
    package init() {}

    /// `adding-foreign-key-constraint`.
    package var id: String { "adding-foreign-key-constraint" }
    /// An error: writes to two tables stop while every row is checked.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "A foreign key added without NOT VALID checks every row while blocking writes to both tables."
    }
    /// The safe alternative.
    package var help: String {
        "add the foreign key with NOT VALID (instant), then run ALTER TABLE … VALIDATE CONSTRAINT in a later "
            + "migration: validating takes a lock that lets reads and writes continue"
    }

    private var columnHelp: String {
        "add the column without REFERENCES, then ADD CONSTRAINT … FOREIGN KEY (column) REFERENCES … NOT VALID, "
            + "then VALIDATE CONSTRAINT in a later migration"
    }

    /// Flags `ADD … FOREIGN KEY` without `NOT VALID` and `ADD COLUMN … REFERENCES`, except on a table created
    /// earlier in the section, and a new nullable column without a default referencing a table created earlier in
    /// the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                if let constraint = action.addedConstraint, constraint.kind == .foreignKey, !constraint.isNotValid {
                    let name = constraint.name.map { " \"\($0)\"" } ?? ""
                    violations.append(
                        violation(
                            "adding foreign key\(name) to \(alter.table) without NOT VALID checks every existing row "
                                + "while holding SHARE ROW EXCLUSIVE locks that block writes to \(alter.table) and to "
                                + "the referenced table",
                            at: statement, token: constraint.kindIndex))
                } else if let column = action.addedColumn,
                    let references = column.constraints.firstIndex(of: ["references"], topLevelOnly: true),
                    !Self.isEmptyColumnReferencingNewTable(column, references: references, statement, in: file)
                {
                    violations.append(
                        violation(
                            "adding column \"\(column.name)\" with REFERENCES to \(alter.table) creates a validated "
                                + "foreign key: every row is checked while writes to \(alter.table) and to the "
                                + "referenced table are blocked",
                            at: statement, token: references, help: columnHelp))
                }
            }
        }
        return violations
    }

    /// A new nullable column without a default that references a table created earlier in the section: every
    /// existing row holds NULL, which the check passes without a lookup, and nobody uses the referenced table yet.
    private static func isEmptyColumnReferencingNewTable(
        _ column: ColumnDefinition, references: Int, _ statement: LintStatement, in file: LintFile
    ) -> Bool {
        guard !column.isNotNull, !column.isPrimaryKey, column.defaultIndex == nil, !column.isIdentity,
            !column.isStoredGenerated
        else { return false }
        var cursor = statement.cursor(at: references + 1)
        guard let target = cursor.readName() else { return false }
        return file.createsTable(target, before: statement)
    }
}
