import StrataCore

/// Run-wide settings of a `Migrator`.
public struct MigratorOptions: Sendable {
    /// The schema of the history tables (default `strata`).
    public var schema: String
    /// How long to wait for the migration lock; `nil` waits for ever.
    public var lockWait: Duration?
    /// `lock_timeout` for migrations that do not set their own; `nil` leaves the server's setting.
    public var lockTimeout: TimeoutValue?
    /// `statement_timeout` for migrations that do not set their own; `nil` leaves the server's setting.
    public var statementTimeout: TimeoutValue?
    /// Print what would run, change nothing.
    public var dryRun: Bool
    /// Apply a pending file even when a later version is already applied.
    public var allowOutOfOrder: Bool

    /// Creates options.
    public init(
        schema: String = "strata", lockWait: Duration? = nil, lockTimeout: TimeoutValue? = nil,
        statementTimeout: TimeoutValue? = nil, dryRun: Bool = false, allowOutOfOrder: Bool = false
    ) {
        self.allowOutOfOrder = allowOutOfOrder
        self.schema = schema
        self.lockWait = lockWait
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.dryRun = dryRun
    }
}
