/// Context for the squawk-parity drop and rename rules: objects that are new to the migration, whose removal or
/// renaming breaks nobody.
extension LintFile {
    /// True when an earlier statement of `statement`'s section creates the `kind` object `name` (not with `OR
    /// REPLACE` or `IF NOT EXISTS`, which may touch one that already existed), or when `statement` is in the down
    /// section and the up section creates it in any way: dropping it undoes the migration, as
    /// `down-does-not-revert-up` asks.
    func isNewObject(_ kinds: Set<ObjectLifecycle.Kind>, named name: LintObjectName, at statement: LintStatement)
        -> Bool
    {
        func creates(_ candidate: LintStatement, strictly: Bool) -> Bool {
            guard let created = ObjectLifecycle.created(by: candidate), kinds.contains(created.kind),
                !strictly || (!created.isReplacement && !created.isConditional), let createdName = created.name
            else { return false }
            return createdName.matches(name)
        }
        if statements(before: statement).contains(where: { creates($0, strictly: true) }) { return true }
        return statement.section == .down && up.contains(where: { creates($0, strictly: false) })
    }

    /// True when `table` is new to `statement`'s section: created earlier in it, or, for a down statement, created
    /// by the up section.
    func isNewTable(_ table: LintObjectName, at statement: LintStatement) -> Bool {
        createsTable(table, before: statement) || upSectionCreates(.table, named: table, undoneBy: statement)
    }
}
