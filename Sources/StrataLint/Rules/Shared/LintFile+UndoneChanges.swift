/// Context for the rules about dropping and renaming: columns added earlier in a section, and what a down statement
/// undoes of the up section. Dropping what the up section created is what a down section is for, so it is not the
/// data loss the drop rules warn about.
extension LintFile {
    /// True when an earlier statement of `statement`'s section adds the column `column` to `table` with
    /// `ALTER TABLE … ADD COLUMN`: the column is new, so no application reads it yet.
    func addsColumn(_ column: String, to table: LintObjectName, before statement: LintStatement) -> Bool {
        for earlier in statements(before: statement) {
            guard let alter = earlier.alterTable, alter.table.matches(table) else { continue }
            if alter.actions.contains(where: { $0.addedColumn?.name == column }) { return true }
        }
        return false
    }

    /// True when `statement` belongs to the down section and the up section creates an object of `kind` named
    /// `name` (for a table, also under the name an `ALTER TABLE … RENAME TO` of the up section gives it): dropping it
    /// undoes the migration.
    func upSectionCreates(_ kind: LintCreatedObject.Kind, named name: LintObjectName, undoneBy statement: LintStatement)
        -> Bool
    {
        guard statement.section == .down else { return false }
        if upFacts.createdObjects.contains(where: { $0.kind == kind && $0.name.matches(name) }) { return true }
        guard kind == .table else { return false }
        var created = upFacts.createdObjects.filter { $0.kind == .table }.map(\.name)
        for upStatement in up {
            guard let alter = upStatement.alterTable, created.contains(where: { $0.matches(alter.table) }) else {
                continue
            }
            for action in alter.actions {
                if let rename = action.renamedTable { created.append(LintObjectName(name: rename.to)) }
            }
        }
        return created.contains { $0.matches(name) }
    }

    /// True when `statement` belongs to the down section and the up section adds the column `column` to `table`.
    func upSectionAddsColumn(_ column: String, to table: LintObjectName, undoneBy statement: LintStatement) -> Bool {
        guard statement.section == .down else { return false }
        return up.contains { earlier in
            guard let alter = earlier.alterTable, alter.table.matches(table) else { return false }
            return alter.actions.contains { $0.addedColumn?.name == column }
        }
    }

    /// The `ALTER TABLE` statements of the up section when `statement` belongs to the down section (which may undo
    /// them); empty for an up statement.
    func upSectionAlterTables(undoneBy statement: LintStatement) -> [AlterTableStatement] {
        guard statement.section == .down else { return [] }
        return up.compactMap(\.alterTable)
    }
}
