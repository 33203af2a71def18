/// `ALTER TABLE … DROP CONSTRAINT` on an existing table: a guarantee the application relies on (uniqueness, a
/// foreign key, a check) is gone, and rows written from then on may break it (squawk's `ban-drop-constraint`).
package struct BanDropConstraint: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-constraint`.
    package var id: String { "ban-drop-constraint" }
    /// A warning: nothing fails at once, but data may go bad.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "Dropping a constraint removes a guarantee that existing code assumes." }
    /// The safe alternative.
    package var help: String {
        "make sure no code relies on the constraint (a unique key for ON CONFLICT, a foreign key for cascades), then "
            + "drop it with `-- strata:nolint ban-drop-constraint`; to change it, add the new one NOT VALID first"
    }

    /// Flags `DROP CONSTRAINT`, except on a table new to the section and, in the down section, a constraint the up
    /// section adds.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.isNewTable(alter.table, at: statement) else { continue }
            let addedInUp = Set(
                file.upSectionAlterTables(undoneBy: statement).filter { $0.table.matches(alter.table) }
                    .flatMap(\.actions).compactMap { $0.addedConstraint?.name })
            let addedEarlier = Set(
                file.statements(before: statement).compactMap(\.alterTable).filter { $0.table.matches(alter.table) }
                    .flatMap(\.actions).compactMap { $0.addedConstraint?.name })
            for action in alter.actions {
                var cursor = action.cursor()
                let dropIndex = cursor.index
                guard cursor.skip("drop", "constraint") else { continue }
                cursor.skip("if", "exists")
                guard let name = cursor.readIdentifier(), !addedInUp.contains(name), !addedEarlier.contains(name) else {
                    continue
                }
                violations.append(
                    violation(
                        "dropping constraint \"\(name)\" of \(alter.table) removes a guarantee that running code may "
                            + "rely on; rows written from now on need not satisfy it",
                        at: statement, token: dropIndex))
            }
        }
        return violations
    }
}
