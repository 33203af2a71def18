import StrataCore
import StrataSQL

/// What a `Migrator` reports as it works, so a front end (the CLI, an app's log) can show one line per migration.
public enum MigrationProgress: Sendable {
    /// A migration was applied.
    case applied(Migration, milliseconds: Int, statements: Int)
    /// A migration was skipped because a required extension is missing (`else=skip`).
    case skipped(Migration, reason: String)
    /// A migration was reverted by its down section.
    case reverted(Migration, milliseconds: Int)
    /// A dry run: these statements would run for this migration.
    case planned(Migration, direction: Direction, statements: [SQLStatement])

    /// Up or down.
    public enum Direction: String, Sendable {
        /// Applying.
        case up
        /// Reverting.
        case down
    }
}

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

/// What a `migrate` or `rollback` did.
public struct MigrationRunSummary: Sendable, Hashable {
    /// Versions applied (or reverted, for a rollback), in order.
    public var done: [MigrationVersion] = []
    /// Versions skipped for a missing extension.
    public var skipped: [MigrationVersion] = []

    /// Creates an empty summary.
    public init() {}
}
