import StrataSQL

/// A transactional file (its up or its down section) that the driver may send to the server as one statement
/// together with its history change: one round trip instead of one per statement, the same single transaction.
///
/// The runner decides which files qualify (``qualifies(_:statements:verify:)``); the driver decides whether it
/// can (it answers `false` when not). When the one-statement run fails, nothing of it took effect, and the runner
/// runs the file again statement by statement, so a failure is reported exactly as before: file:line:column,
/// SQLSTATE and the server's hint (see docs/performance.md).
public struct WholeFileRun: Sendable {
    /// Which way the file runs.
    public enum Direction: Sendable, Hashable {
        /// The up section, recorded as applied.
        case apply
        /// The down section, and the history row removed.
        case revert
    }

    /// The migration.
    public var migration: Migration
    /// The section's statements, in order.
    public var statements: [SQLStatement]
    /// Up or down.
    public var direction: Direction
    /// The version text of the existing history row (`2` may be recorded as `02`); `nil` for a first apply.
    public var recordedVersion: String?

    /// Creates a run.
    public init(migration: Migration, statements: [SQLStatement], direction: Direction, recordedVersion: String?) {
        self.migration = migration
        self.statements = statements
        self.direction = direction
        self.recordedVersion = recordedVersion
    }

    /// The first words of statements that behave the same inside one server-side block as sent alone. Anything
    /// else (`COPY`, `CALL`, `EXECUTE`, `PREPARE`, transaction control, …) keeps the file statement by statement.
    static let firstWords: Set<String> = [
        "create", "alter", "drop", "comment", "grant", "revoke", "insert", "update", "delete", "merge", "truncate",
        "select", "with", "values", "set", "reset", "do", "refresh", "analyze", "lock", "notify", "security",
        "import", "reindex", "cluster",
    ]

    /// Whether a file may run as one statement: transactional, no verify queries (their rows are judged one by
    /// one), no extension requirement (a missing one may skip the file), no `statement-timeout` of its own (the
    /// server times one statement, so the limit would cover the whole file instead of each statement), and only
    /// statements from ``firstWords`` (a `SELECT … INTO` creates a table when sent alone, not inside a block).
    public static func qualifies(_ migration: Migration, statements: [SQLStatement], verify: [SQLStatement]) -> Bool {
        guard migration.transactionMode == .transactional, verify.isEmpty, migration.requirements.isEmpty,
            migration.statementTimeout == nil, !statements.isEmpty
        else { return false }
        return statements.allSatisfy(runsInsideABlock)
    }

    static func runsInsideABlock(_ statement: SQLStatement) -> Bool {
        guard let first = statement.keywords.first, firstWords.contains(first), !statement.requiresNoTransaction,
            !statement.isTransactionControl
        else { return false }
        if ["select", "with", "values"].contains(first),
            statement.significantTokens.contains(where: { $0.kind == .word && $0.normalized == "into" })
        {
            // `INSERT INTO` inside a WITH is fine sent alone and in a block, but SELECT … INTO is not: keep both
            // statement by statement rather than tell them apart.
            return false
        }
        return true
    }
}
