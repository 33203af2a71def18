/// Context for the squawk-parity drop and rename rules: objects that are new to the migration, whose removal or
/// renaming breaks nobody.
extension LintFile {
    /// True when an earlier statement of `statement`'s section creates the `kind` object `name` (not with `OR
    /// REPLACE` or `IF NOT EXISTS`, which may touch one that already existed), or when `statement` is in the down
    /// section and the up section creates it that way: dropping it undoes the migration.
    func isNewObject(_ kinds: Set<ObjectLifecycle.Kind>, named name: LintObjectName, at statement: LintStatement)
        -> Bool
    {
        func creates(_ candidate: LintStatement) -> Bool {
            guard let created = ObjectLifecycle.created(by: candidate), kinds.contains(created.kind),
                !created.isReplacement, !created.isConditional, let createdName = created.name
            else { return false }
            return createdName.matches(name)
        }
        if statements(before: statement).contains(where: creates) { return true }
        return statement.section == .down && up.contains(where: creates)
    }

    /// True when `table` is new to `statement`'s section: created earlier in it, or, for a down statement, created
    /// by the up section.
    func isNewTable(_ table: LintObjectName, at statement: LintStatement) -> Bool {
        createsTable(table, before: statement) || upSectionCreates(.table, named: table, undoneBy: statement)
    }
}
