/// Context helpers for rules: what the file did before a statement, and how the statement will run.
/// All of them look only at the statement's own section (a down section is run on its own).
extension LintFile {
    /// The objects created by statements of `statement`'s section that come before it.
    public func createdObjects(before statement: LintStatement) -> [LintCreatedObject] {
        guard let facts = facts(statement.section) else { return [] }
        return facts.createdObjects.filter { $0.statement.index < statement.index }
    }

    /// The tables created earlier in `statement`'s section.
    public func tablesCreated(before statement: LintStatement) -> [LintObjectName] {
        createdObjects(before: statement).filter { $0.kind == .table }.map(\.name)
    }

    /// True when an earlier statement of the same section creates an object of `kind` named `name`: such an object
    /// is new, empty and not yet used by the application, so locking it is harmless.
    public func creates(_ kind: LintCreatedObject.Kind, named name: LintObjectName, before statement: LintStatement)
        -> Bool
    {
        guard let facts = facts(statement.section) else { return false }
        for object in facts.createdObjects {
            guard object.statement.index < statement.index else { break }
            if object.kind == kind, object.name.matches(name) { return true }
        }
        return false
    }

    /// True when an earlier statement of the same section creates the table `name`.
    public func createsTable(_ name: LintObjectName, before statement: LintStatement) -> Bool {
        creates(.table, named: name, before: statement)
    }

    /// True when `lock_timeout` is bounded when `statement` runs: by a `-- strata:lock-timeout` directive, by the
    /// runner's default, or by an earlier `SET lock_timeout` / `set_config('lock_timeout', …)` still in effect.
    public func setsLockTimeout(before statement: LintStatement) -> Bool {
        if lockTimeoutAppliedByRunner || hasDirective("lock-timeout") { return true }
        return facts(statement.section)?.lockTimeoutSet.value(at: statement.index) ?? false
    }

    /// True when `statement_timeout` is bounded when `statement` runs (directive `-- strata:statement-timeout`, the
    /// runner's default, or an earlier `SET statement_timeout` still in effect).
    public func setsStatementTimeout(before statement: LintStatement) -> Bool {
        if statementTimeoutAppliedByRunner || hasDirective("statement-timeout") { return true }
        return facts(statement.section)?.statementTimeoutSet.value(at: statement.index) ?? false
    }

    /// True when `statement` runs between the file's own `BEGIN`/`START TRANSACTION` and `COMMIT`/`ROLLBACK`.
    public func isInExplicitTransaction(_ statement: LintStatement) -> Bool {
        facts(statement.section)?.inExplicitTransaction.value(at: statement.index) ?? false
    }

    /// True when `statement` runs inside a transaction block: Strata runs the whole file in one, or the file opened
    /// one itself.
    public func runsInTransaction(_ statement: LintStatement) -> Bool {
        runsInTransaction || isInExplicitTransaction(statement)
    }

    /// The statements of `statement`'s section that come before it.
    public func statements(before statement: LintStatement) -> ArraySlice<LintStatement> {
        let list = statements(in: statement.section)
        return list[..<min(statement.index, list.count)]
    }
}

extension Array where Element == Bool {
    /// The element at `index`, or false outside the array.
    fileprivate func value(at index: Int) -> Bool {
        indices.contains(index) ? self[index] : false
    }
}
