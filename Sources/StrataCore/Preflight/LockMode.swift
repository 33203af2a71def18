/// A PostgreSQL table-level lock mode, weakest first, with the server's conflict table
/// (https://www.postgresql.org/docs/current/explicit-locking.html).
public enum LockMode: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// `SELECT`.
    case accessShare = "ACCESS SHARE"
    /// `SELECT … FOR UPDATE/SHARE`.
    case rowShare = "ROW SHARE"
    /// `INSERT`, `UPDATE`, `DELETE`.
    case rowExclusive = "ROW EXCLUSIVE"
    /// `VACUUM`, `CREATE INDEX CONCURRENTLY`, `VALIDATE CONSTRAINT`, some `ALTER TABLE … SET`.
    case shareUpdateExclusive = "SHARE UPDATE EXCLUSIVE"
    /// `CREATE INDEX`: blocks writes, not reads.
    case share = "SHARE"
    /// `CREATE TRIGGER`, `ADD FOREIGN KEY`: blocks writes.
    case shareRowExclusive = "SHARE ROW EXCLUSIVE"
    /// `REFRESH MATERIALIZED VIEW CONCURRENTLY`: blocks writes and `FOR UPDATE`.
    case exclusive = "EXCLUSIVE"
    /// Most `ALTER TABLE`, `DROP`, `TRUNCATE`, `VACUUM FULL`: blocks everything, reads included.
    case accessExclusive = "ACCESS EXCLUSIVE"

    /// The mode as `pg_locks.mode` spells it (`AccessExclusiveLock`).
    public var catalogName: String {
        rawValue.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined() + "Lock"
    }

    /// Reads `pg_locks.mode` (`RowExclusiveLock`); nil for a mode that is not a table lock mode.
    public init?(catalogName: String) {
        guard let mode = Self.allCases.first(where: { $0.catalogName == catalogName }) else { return nil }
        self = mode
    }

    /// True when a session holding `self` makes a request for `other` wait (the relation is symmetric).
    public func conflicts(with other: LockMode) -> Bool {
        Self.conflictTable[self, default: []].contains(other)
    }

    /// The lock makes `INSERT`/`UPDATE`/`DELETE` wait.
    public var blocksWrites: Bool { conflicts(with: .rowExclusive) }
    /// The lock makes plain `SELECT` wait.
    public var blocksReads: Bool { conflicts(with: .accessShare) }

    /// Weakest first.
    public static func < (lhs: LockMode, rhs: LockMode) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    private static let conflictTable: [LockMode: Set<LockMode>] = [
        .accessShare: [.accessExclusive],
        .rowShare: [.exclusive, .accessExclusive],
        .rowExclusive: [.share, .shareRowExclusive, .exclusive, .accessExclusive],
        .shareUpdateExclusive: [.shareUpdateExclusive, .share, .shareRowExclusive, .exclusive, .accessExclusive],
        .share: [.rowExclusive, .shareUpdateExclusive, .shareRowExclusive, .exclusive, .accessExclusive],
        .shareRowExclusive: [.rowExclusive, .shareUpdateExclusive, .share, .shareRowExclusive, .exclusive, .accessExclusive],
        .exclusive: [.rowShare, .rowExclusive, .shareUpdateExclusive, .share, .shareRowExclusive, .exclusive, .accessExclusive],
        .accessExclusive: Set(LockMode.allCases),
    ]
}
