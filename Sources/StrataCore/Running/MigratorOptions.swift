
/// Run-wide settings of a `Migrator`.
public struct MigratorOptions: Sendable {
    /// The default `lock_timeout` of every migration: a DDL statement that waits longer for its lock gives up
    /// (and is retried), instead of queueing every query behind it.
    public static let defaultLockTimeout = TimeoutValue(milliseconds: 5_000)
    /// The default `statement_timeout` of every migration (30 minutes); `0` means no limit.
    public static let defaultStatementTimeout = TimeoutValue(milliseconds: 30 * 60_000)

    /// The schema of the history tables (default `strata`).
    public var schema: String
    /// How long to wait for the migration lock; `nil` waits for ever.
    public var lockWait: Duration?
    /// `lock_timeout` for migrations that do not set their own (default 5 s; `0` disables it).
    public var lockTimeout: TimeoutValue?
    /// `statement_timeout` for migrations that do not set their own (default 30 min; `0` disables it).
    public var statementTimeout: TimeoutValue?
    /// How a migration that hit `lock_timeout` (SQLSTATE 55P03) is retried.
    public var lockRetry: RetryBackoff
    /// Print what would run, change nothing.
    public var dryRun: Bool
    /// Apply a pending file even when a later version is already applied.
    public var allowOutOfOrder: Bool
    /// How parallel runs exclude each other (advisory lock, or a lease row for PgBouncer).
    public var lockStrategy: LockStrategy
    /// How long a lease of the table strategy lives without a heartbeat.
    public var leaseDuration: Duration
    /// Triggered from outside (SIGINT, SIGTERM, server shutdown) to stop the run cleanly.
    public var interruption: MigrationInterruption?
    /// `search_path` for the run's migrations (a tenant schema first, e.g. `"acme", public`); `nil` keeps the role's.
    public var searchPath: String?
    /// Send each qualifying transactional file with its history change as one statement (one round trip); a
    /// failure is run again statement by statement to name its line. `false` sends every statement alone.
    public var wholeFileRuns = true

    /// Creates options.
    public init(
        schema: String = "strata", lockWait: Duration? = nil, lockTimeout: TimeoutValue? = Self.defaultLockTimeout,
        statementTimeout: TimeoutValue? = Self.defaultStatementTimeout, lockRetry: RetryBackoff = .lockTimeoutDefault,
        dryRun: Bool = false, allowOutOfOrder: Bool = false, lockStrategy: LockStrategy = .advisory,
        leaseDuration: Duration = .seconds(30), interruption: MigrationInterruption? = nil
    ) {
        self.schema = schema
        self.lockWait = lockWait
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.lockRetry = lockRetry
        self.dryRun = dryRun
        self.allowOutOfOrder = allowOutOfOrder
        self.lockStrategy = lockStrategy
        self.leaseDuration = leaseDuration
        self.interruption = interruption
    }
}
