/// A table lock mode as the linter names it; the raw values are PostgreSQL's names (`ACCESS EXCLUSIVE`), the same
/// as StrataCore's `LockMode`, weakest first.
public enum LintLockMode: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `SELECT`.
    case accessShare = "ACCESS SHARE"
    /// `SELECT … FOR UPDATE`.
    case rowShare = "ROW SHARE"
    /// `INSERT`, `UPDATE`, `DELETE`.
    case rowExclusive = "ROW EXCLUSIVE"
    /// `CREATE INDEX CONCURRENTLY`, `VALIDATE CONSTRAINT`.
    case shareUpdateExclusive = "SHARE UPDATE EXCLUSIVE"
    /// `CREATE INDEX`.
    case share = "SHARE"
    /// `CREATE TRIGGER`, `ADD FOREIGN KEY`.
    case shareRowExclusive = "SHARE ROW EXCLUSIVE"
    /// `REFRESH MATERIALIZED VIEW CONCURRENTLY`.
    case exclusive = "EXCLUSIVE"
    /// Most `ALTER TABLE`, `DROP`, `TRUNCATE`.
    case accessExclusive = "ACCESS EXCLUSIVE"

    /// Weakest first.
    public static func < (lhs: LintLockMode, rhs: LintLockMode) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The heavy work done under the lock; raw values as StrataCore's `TableWork`, lightest first.
public enum LintTableWork: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Catalog only.
    case none
    /// Reads every row.
    case scan
    /// Reads and sorts every row into an index.
    case indexBuild = "index-build"
    /// Writes a new copy of the table.
    case rewrite

    /// Lightest first.
    public static func < (lhs: LintTableWork, rhs: LintTableWork) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// What a statement does to one table, as the rules know it: the lock, the work under it and why.
public struct LintTableLock: Sendable, Hashable {
    /// The table.
    public var table: LintObjectName
    /// The lock mode.
    public var mode: LintLockMode
    /// The work under the lock.
    public var work: LintTableWork
    /// Why, in a few words.
    public var reason: String
    /// The table is created earlier in the same section of the file.
    public var isNewInFile: Bool

    /// Creates a lock.
    public init(table: LintObjectName, mode: LintLockMode, work: LintTableWork, reason: String, isNewInFile: Bool) {
        self.table = table
        self.mode = mode
        self.work = work
        self.reason = reason
        self.isNewInFile = isNewInFile
    }
}
