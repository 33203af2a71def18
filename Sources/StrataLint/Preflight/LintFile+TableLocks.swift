extension LintFile {
    /// The tables `statement` locks, with the mode, the work it does under the lock (scan, rewrite, index build)
    /// and why: the same knowledge the rules use. Empty for statements that lock no existing table (`CREATE
    /// TABLE`, `CREATE FUNCTION`, `SET`, …) and for `DROP INDEX` (its table is not in the text).
    public func tableLocks(of statement: LintStatement) -> [LintTableLock] {
        func lock(_ table: LintObjectName, _ mode: LintLockMode, _ work: LintTableWork, _ reason: String) -> LintTableLock {
            LintTableLock(
                table: table, mode: mode, work: work, reason: reason, isNewInFile: createsTable(table, before: statement))
        }
        if let index = statement.createIndex {
            return index.isConcurrent
                ? [lock(index.table, .shareUpdateExclusive, .indexBuild, "CREATE INDEX CONCURRENTLY builds an index")]
                : [lock(index.table, .share, .indexBuild, "CREATE INDEX builds an index")]
        }
        if let alter = statement.alterTable { return alterTableLocks(alter, lock: lock) }
        var cursor = statement.cursor()
        switch statement.word(at: 0) {
        case "truncate":
            cursor.skip("truncate")
            cursor.skip("table")
            return names(&cursor).map { lock($0, .accessExclusive, .none, "TRUNCATE") }
        case "vacuum":
            guard statement.contains(word: "full") else { return [] }
            cursor.skip("vacuum")
            _ = cursor.readParenthesized()
            while cursor.skip(anyOf: "full", "freeze", "verbose", "analyze") != nil {}
            return names(&cursor).map { lock($0, .accessExclusive, .rewrite, "VACUUM FULL rewrites the table") }
        case "cluster":
            cursor.skip("cluster")
            cursor.skip("verbose")
            return cursor.readName().map { [lock($0, .accessExclusive, .rewrite, "CLUSTER rewrites the table")] } ?? []
        case "reindex":
            cursor.skip("reindex")
            _ = cursor.readParenthesized()
            guard cursor.skip("table") else { return [] }
            let concurrent = cursor.skip("concurrently")
            return cursor.readName().map {
                concurrent
                    ? [lock($0, .shareUpdateExclusive, .indexBuild, "REINDEX CONCURRENTLY rebuilds its indexes")]
                    : [lock($0, .share, .indexBuild, "REINDEX rebuilds its indexes")]
            } ?? []
        case "lock":
            cursor.skip("lock")
            cursor.skip("table")
            let tables = names(&cursor)
            var mode = LintLockMode.accessExclusive
            if cursor.skip("in") {
                let text = statement.tokens.compactMap { $0.kind == .word ? $0.normalized : nil }.joined(separator: " ")
                mode = LintLockMode.allCases.reversed().first { text.contains(" in \($0.rawValue.lowercased()) mode") } ?? mode
            }
            return tables.map { lock($0, mode, .none, "LOCK TABLE") }
        case "update":
            cursor.skip("update")
            cursor.skip("only")
            let bounded = statement.contains(word: "where")
            return cursor.readName().map {
                [lock($0, .rowExclusive, bounded ? .none : .scan, bounded ? "UPDATE" : "UPDATE without WHERE writes every row")]
            } ?? []
        case "delete":
            cursor.skip("delete", "from")
            cursor.skip("only")
            return cursor.readName().map { [lock($0, .rowExclusive, .none, "DELETE")] } ?? []
        case "insert":
            cursor.skip("insert", "into")
            return cursor.readName().map { [lock($0, .rowExclusive, .none, "INSERT")] } ?? []
        case "create":
            guard statement.starts(with: "create", "trigger") || statement.starts(with: "create", "constraint", "trigger")
                || statement.starts(with: "create", "or", "replace", "trigger"),
                let on = statement.firstIndex(of: ["on"])
            else { return [] }
            var names = statement.cursor(at: on + 1)
            return names.readName().map { [lock($0, .shareRowExclusive, .none, "CREATE TRIGGER")] } ?? []
        case "drop":
            guard statement.word(at: 1) == "table" else { return [] }
            cursor.skip("drop", "table")
            cursor.skip("if", "exists")
            return names(&cursor).map { lock($0, .accessExclusive, .none, "DROP TABLE") }
        default:
            return []
        }
    }

    private func names(_ cursor: inout TokenCursor) -> [LintObjectName] {
        var names: [LintObjectName] = []
        cursor.skip("only")
        while let name = cursor.readName() {
            names.append(name)
            cursor.skip("*")
            guard cursor.skip(",") else { break }
            cursor.skip("only")
        }
        return names
    }

    /// The strongest lock and heaviest work of an `ALTER TABLE`'s actions, and the locks on referenced tables.
    private func alterTableLocks(
        _ alter: AlterTableStatement,
        lock: (LintObjectName, LintLockMode, LintTableWork, String) -> LintTableLock
    ) -> [LintTableLock] {
        var mode = LintLockMode.shareUpdateExclusive
        var work = LintTableWork.none
        var reasons: [String] = []
        var others: [LintTableLock] = []
        func take(_ actionMode: LintLockMode, _ actionWork: LintTableWork, _ reason: String?) {
            mode = max(mode, actionMode)
            if actionWork > work { work = actionWork }
            if let reason, !reasons.contains(reason) { reasons.append(reason) }
        }
        for action in alter.actions {
            if let changed = action.changedColumnType {
                take(.accessExclusive, .rewrite, "ALTER COLUMN \(changed.column) TYPE rewrites the table")
            } else if let column = action.setNotNullColumn {
                take(.accessExclusive, .scan, "SET NOT NULL on \(column) scans the table")
            } else if let column = action.addedColumn {
                let volatile =
                    column.defaultExpression.map { FunctionCall.calls(in: $0).contains { $0.volatility != .nonVolatile } }
                    ?? false
                let serial = column.typeName.hasSuffix("serial")
                if volatile || serial || column.isStoredGenerated || column.isIdentity {
                    take(.accessExclusive, .rewrite, "ADD COLUMN \(column.name) rewrites the table")
                } else {
                    take(.accessExclusive, .none, nil)
                }
            } else if let constraint = action.addedConstraint {
                switch constraint.kind {
                case .foreignKey:
                    take(.shareRowExclusive, constraint.isNotValid ? .none : .scan,
                         constraint.isNotValid ? nil : "ADD FOREIGN KEY validates every row")
                    if let at = action.firstIndex(of: ["references"]) {
                        var cursor = action.cursor(at: at + 1)
                        if let referenced = cursor.readName() {
                            others.append(lock(referenced, .shareRowExclusive, .none, "referenced by a new foreign key"))
                        }
                    }
                case .check:
                    take(.accessExclusive, constraint.isNotValid ? .none : .scan,
                         constraint.isNotValid ? nil : "ADD CHECK validates every row")
                case .unique, .primaryKey, .exclude:
                    if constraint.usesExistingIndex {
                        take(.accessExclusive, .none, nil)
                    } else {
                        take(.accessExclusive, .indexBuild, "ADD \(constraint.kind == .primaryKey ? "PRIMARY KEY" : constraint.kind.rawValue.uppercased()) builds an index")
                    }
                }
            } else if action.validatedConstraint != nil {
                take(.shareUpdateExclusive, .scan, "VALIDATE CONSTRAINT scans the table")
            } else if let detached = action.detachedPartition, detached.isConcurrent {
                take(.shareUpdateExclusive, .none, nil)
            } else if action.starts(with: "set", "(") || action.starts(with: "reset", "(")
                || (action.alteredColumn?.rest.starts(with: "set", "statistics") ?? false)
            {
                take(.shareUpdateExclusive, .none, nil)
            } else if action.starts(with: "enable") || action.starts(with: "disable") {
                take(.shareRowExclusive, .none, nil)
            } else {
                take(.accessExclusive, .none, nil)
            }
        }
        let reason = reasons.isEmpty ? "ALTER TABLE" : reasons.joined(separator: "; ")
        return [lock(alter.table, mode, work, reason)] + others
    }
}
