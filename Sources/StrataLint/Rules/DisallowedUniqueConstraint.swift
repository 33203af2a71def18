/// A `UNIQUE` constraint added to an existing table without `USING INDEX`: its index is built while an ACCESS
/// EXCLUSIVE lock blocks every read and write of the table.
package struct DisallowedUniqueConstraint: LintRule {
    /// Creates the rule.
    package init() {}

    /// `disallowed-unique-constraint`.
    package var id: String { "disallowed-unique-constraint" }
    /// An error: the table is unusable while the index is built.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ADD CONSTRAINT … UNIQUE builds its index under an ACCESS EXCLUSIVE lock unless it reuses an existing index."
    }
    /// The safe alternative.
    package var help: String {
        "build the index with CREATE UNIQUE INDEX CONCURRENTLY (in a `-- strata:no-transaction` file), then "
            + "ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX …, which only takes the lock briefly"
    }

    /// Flags `ADD [CONSTRAINT …] UNIQUE (…)` without `USING INDEX` and `ADD COLUMN … UNIQUE`, except on a table
    /// created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                if let constraint = action.addedConstraint, constraint.kind == .unique, !constraint.usesExistingIndex {
                    let name = constraint.name.map { " \"\($0)\"" } ?? ""
                    violations.append(
                        violation(
                            "adding UNIQUE constraint\(name) to \(alter.table) builds its index while holding an "
                                + "ACCESS EXCLUSIVE lock that blocks every read and write",
                            at: statement, token: constraint.kindIndex))
                } else if let column = action.addedColumn,
                    let unique = column.constraints.firstIndex(of: ["unique"], topLevelOnly: true)
                {
                    violations.append(
                        violation(
                            "adding column \"\(column.name)\" with UNIQUE to \(alter.table) builds an index while "
                                + "holding an ACCESS EXCLUSIVE lock that blocks every read and write",
                            at: statement, token: unique,
                            help: "add the column without UNIQUE, then build the index with CREATE UNIQUE INDEX "
                                + "CONCURRENTLY and attach it with ADD CONSTRAINT … UNIQUE USING INDEX"))
                }
            }
        }
        return violations
    }
}
