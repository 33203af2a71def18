/// Context computed once per section of a file, in one pass over its statements, for the `LintFile+Context` helpers.
struct SectionFacts: Sendable {
    /// Objects created by the section's statements, in statement order.
    var createdObjects: [LintCreatedObject] = []
    /// `lockTimeoutSet[i]`: a `SET lock_timeout` is in effect when statement `i` runs.
    var lockTimeoutSet: [Bool] = []
    /// `statementTimeoutSet[i]`: a `SET statement_timeout` is in effect when statement `i` runs.
    var statementTimeoutSet: [Bool] = []
    /// `inExplicitTransaction[i]`: statement `i` runs between the file's own `BEGIN` and `COMMIT`.
    var inExplicitTransaction: [Bool] = []

    /// How long a setting made by `SET` lasts.
    private enum Scope {
        case none, transaction, session
    }

    init(_ statements: [LintStatement], runsInTransaction: Bool) {
        var lockTimeout = Scope.none
        var statementTimeout = Scope.none
        var inTransaction = false
        createdObjects.reserveCapacity(statements.count)
        for statement in statements {
            let first = statement.word(at: 0)
            let opens = first == "begin" || statement.starts(with: "start", "transaction")
            let closes =
                (first == "commit" && !statement.isWord("prepared", at: 1)) || first == "end" || first == "abort"
                || (first == "rollback" && !statement.isWord("to", at: 1) && !statement.isWord("prepared", at: 1))
                || statement.starts(with: "prepare", "transaction")
            inExplicitTransaction.append(inTransaction || opens)
            lockTimeoutSet.append(lockTimeout != .none)
            statementTimeoutSet.append(statementTimeout != .none)

            if opens { inTransaction = true }
            if closes {
                inTransaction = false
                // A file Strata runs in a transaction keeps SET LOCAL until Strata commits, whatever the SQL says.
                if !runsInTransaction {
                    if lockTimeout == .transaction { lockTimeout = .none }
                    if statementTimeout == .transaction { statementTimeout = .none }
                }
            }
            if first == "create", let object = LintCreatedObject.created(by: statement) {
                createdObjects.append(object)
            }
            if first == "set" || first == "reset" || first == "select" {
                let transactional = runsInTransaction || inTransaction
                for change in SettingChange.changes(in: statement) {
                    // SET LOCAL outside a transaction does nothing (PostgreSQL only warns).
                    if change.isLocal, !transactional { continue }
                    let scope: Scope = change.isOn ? (change.isLocal ? .transaction : .session) : .none
                    switch change.setting {
                    case "lock_timeout": lockTimeout = scope
                    case "statement_timeout": statementTimeout = scope
                    case "all":
                        lockTimeout = scope
                        statementTimeout = scope
                    default: break
                    }
                }
            }
        }
    }
}
