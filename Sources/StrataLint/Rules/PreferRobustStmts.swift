/// In the down section of a file Strata runs outside a transaction, a statement that fails when run a second time:
/// `CREATE` without `IF NOT EXISTS`, `DROP` without `IF EXISTS`, `ADD COLUMN` / `DROP COLUMN` / `DROP CONSTRAINT`
/// without them. When such a rollback fails part way, the statements before the failure stay applied and a retry runs
/// the section again from its first statement, which then fails. (An up section is not concerned: Strata records its
/// progress statement by statement and resumes at the statement that failed.)
package struct PreferRobustStmts: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-robust-stmts`.
    package var id: String { "prefer-robust-stmts" }
    /// A warning: nothing breaks until a retry.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "In a no-transaction down section, a statement without IF [NOT] EXISTS makes a retried rollback fail."
    }
    /// The safe alternative.
    package var help: String {
        "write IF NOT EXISTS / IF EXISTS (CREATE OR REPLACE for views and functions) so the down section can run "
            + "again after failing part way; or, when nothing in the file needs to run outside a transaction, drop "
            + "`-- strata:no-transaction`"
    }

    private var concurrentIndexHelp: String {
        "put DROP INDEX CONCURRENTLY IF EXISTS with the same name before it, so a retry removes the invalid index and "
            + "builds it again (IF NOT EXISTS alone would keep the invalid index)"
    }

    /// Statement kinds that only ever set session state, left out when counting a section's statements.
    private static let settingStatements: Set<String> = ["set", "reset"]

    /// Flags the down section's non-repeatable statements that run outside every transaction block, unless the
    /// section has a single statement (a failure then leaves nothing applied), `CREATE INDEX CONCURRENTLY` excepted.
    package func check(_ file: LintFile) -> [LintViolation] {
        guard !file.runsInTransaction, let statements = file.down else { return [] }
        let counted = statements.filter { !Self.settingStatements.contains($0.word(at: 0) ?? "") }.count
        var violations: [LintViolation] = []
        var droppedIfExists: Set<String> = []  // "index:name", "constraint:table.name"
        for statement in statements {
            defer { droppedIfExists.formUnion(Self.namesDroppedIfExists(by: statement)) }
            guard !file.runsInTransaction(statement) else { continue }
            let isConcurrentBuild = statement.createIndex?.isConcurrent ?? false
            guard counted > 1 || isConcurrentBuild else { continue }
            violations.append(contentsOf: check(statement, droppedIfExists: droppedIfExists))
        }
        return violations
    }

    private func check(_ statement: LintStatement, droppedIfExists: Set<String>) -> [LintViolation] {
        let retry = "fails when the rollback is retried after failing part way (it reruns from the first statement)"
        switch statement.word(at: 0) {
        case "create":
            if let table = statement.createTable {
                guard !table.ifNotExists, !table.isTemporary else { return [] }
                return [
                    violation(
                        "CREATE TABLE \(table.name) without IF NOT EXISTS \(retry)", at: statement,
                        token: table.name.tokenIndex)
                ]
            }
            if let index = statement.createIndex {
                guard !index.ifNotExists else { return [] }
                let help = index.isConcurrent ? concurrentIndexHelp : nil
                guard let name = index.name else {
                    return [
                        violation(
                            "CREATE INDEX without a name creates a second index when the rollback is retried after "
                                + "failing part way (it reruns from the first statement)",
                            at: statement, token: index.indexKeywordIndex,
                            help: "name the index and write IF NOT EXISTS")
                    ]
                }
                if droppedIfExists.contains("index:" + name.name) { return [] }
                let message =
                    index.isConcurrent
                    ? "CREATE INDEX CONCURRENTLY \(name) without IF NOT EXISTS fails when the rollback is retried: "
                        + "a failed concurrent build leaves an invalid index of that name behind"
                    : "CREATE INDEX \(name) without IF NOT EXISTS \(retry)"
                return [violation(message, at: statement, token: index.indexKeywordIndex, help: help)]
            }
            return checkOtherCreate(statement, retry: retry)
        case "drop":
            guard let drop = DropObjectStatement(statement), !drop.ifExists, drop.kind != "owned by" else { return [] }
            let names = drop.names.map(\.description).joined(separator: ", ")
            return [
                violation(
                    "DROP \(drop.keyword) \(names) without IF EXISTS \(retry)", at: statement, token: drop.kindIndex)
            ]
        case "alter":
            guard let alter = statement.alterTable else { return [] }
            return alter.actions.compactMap { action in
                checkAction(action, of: alter, in: statement, droppedIfExists: droppedIfExists, retry: retry)
            }
        default:
            return []
        }
    }

    /// `CREATE SEQUENCE / SCHEMA / MATERIALIZED VIEW` without `IF NOT EXISTS`; `CREATE VIEW / FUNCTION /
    /// PROCEDURE` without `OR REPLACE`.
    private func checkOtherCreate(_ statement: LintStatement, retry: String) -> [LintViolation] {
        var cursor = statement.cursor(at: 1)
        if cursor.skip("or", "replace") { return [] }
        if cursor.skip(anyOf: "temp", "temporary") != nil { return [] }
        cursor.skip("unlogged")
        let kindIndex = cursor.index
        if cursor.skip("sequence") || cursor.skip("schema") || cursor.skip("materialized", "view") {
            guard !cursor.isAt("if", "not", "exists") else { return [] }
            let kind = statement.sourceText(of: kindIndex..<cursor.index).uppercased()
            return [violation("CREATE \(kind) without IF NOT EXISTS \(retry)", at: statement, token: kindIndex)]
        }
        if cursor.skip("recursive") || cursor.isAt("view") || cursor.isAt("function") || cursor.isAt("procedure") {
            let kind = (statement.word(at: cursor.index) ?? "view").uppercased()
            return [
                violation(
                    "CREATE \(kind) without OR REPLACE \(retry)", at: statement, token: cursor.index,
                    help: "write CREATE OR REPLACE \(kind)")
            ]
        }
        return []
    }

    private func checkAction(
        _ action: AlterTableAction, of alter: AlterTableStatement, in statement: LintStatement,
        droppedIfExists: Set<String>, retry: String
    ) -> LintViolation? {
        let at = action.startIndex
        if let column = action.addedColumn {
            let guarded =
                action.matches(["add", "column", "if", "not", "exists"], at: at)
                || action.matches(["add", "if", "not", "exists"], at: at)
            if guarded { return nil }
            return violation("ADD COLUMN \"\(column.name)\" without IF NOT EXISTS \(retry)", at: statement, token: at)
        }
        if let column = action.droppedColumn {
            let guarded =
                action.matches(["drop", "column", "if", "exists"], at: at)
                || action.matches(["drop", "if", "exists"], at: at)
            if guarded { return nil }
            return violation("DROP COLUMN \"\(column.name)\" without IF EXISTS \(retry)", at: statement, token: at)
        }
        if action.starts(with: "drop", "constraint") {
            if action.matches(["if", "exists"], at: at + 2) { return nil }
            let name = action.identifier(at: at + 2).map { " \"\($0)\"" } ?? ""
            return violation("DROP CONSTRAINT\(name) without IF EXISTS \(retry)", at: statement, token: at)
        }
        if let constraint = action.addedConstraint {
            guard let name = constraint.name else {
                return violation(
                    "ADD CONSTRAINT without a name adds a second copy of the constraint (or fails) when the "
                        + "rollback is retried after failing part way (it reruns from the first statement)",
                    at: statement, token: at,
                    help: "name the constraint and drop it first with DROP CONSTRAINT IF EXISTS")
            }
            let key = Self.constraintKey(table: alter.table, name: name)
            if droppedIfExists.contains(key) || Self.actionsDropIfExists(key, before: action, in: alter) { return nil }
            return violation(
                "ADD CONSTRAINT \"\(name)\" \(retry)", at: statement, token: at,
                help: "put ALTER TABLE … DROP CONSTRAINT IF EXISTS \"\(name)\" before it, so a retry starts clean")
        }
        return nil
    }

    /// True when an action of `alter` before `action` drops the constraint `key` with `IF EXISTS`.
    private static func actionsDropIfExists(
        _ key: String, before action: AlterTableAction, in alter: AlterTableStatement
    )
        -> Bool
    {
        alter.actions.contains { earlier in
            earlier.startIndex < action.startIndex && earlier.starts(with: "drop", "constraint", "if", "exists")
                && earlier.identifier(at: earlier.startIndex + 4).map { constraintKey(table: alter.table, name: $0) }
                    == key
        }
    }

    private static func constraintKey(table: LintObjectName, name: String) -> String {
        "constraint:\(table.name).\(name)"
    }

    /// The indexes and constraints `statement` drops with `IF EXISTS`, as keys.
    private static func namesDroppedIfExists(by statement: LintStatement) -> [String] {
        if let drop = statement.dropIndex, drop.ifExists { return drop.names.map { "index:" + $0.name } }
        guard let alter = statement.alterTable else { return [] }
        return alter.actions.compactMap { action in
            guard action.starts(with: "drop", "constraint", "if", "exists"),
                let name = action.identifier(at: action.startIndex + 4)
            else { return nil }
            return constraintKey(table: alter.table, name: name)
        }
    }
}
