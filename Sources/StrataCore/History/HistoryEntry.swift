import Foundation

/// One row of `strata.schema_history`: what Strata recorded about a migration in the database.
public struct HistoryEntry: Sendable, Hashable {
    /// The recorded outcome.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Applied and committed.
        case applied
        /// A non-transactional migration failed; `statementsRun` says how far it got.
        case failed
        /// A non-transactional migration stopped part-way; a rerun resumes after `statementsRun`.
        case partial
        /// Skipped because a required extension was missing (`else=skip`); a later `migrate` retries it.
        case skipped
        /// Marked as applied by `baseline` without running.
        case baseline
    }

    /// The migration's version.
    public var version: MigrationVersion
    /// The migration's name when it was recorded.
    public var name: String
    /// The file's checksum when it was recorded.
    public var checksum: String
    /// The outcome.
    public var state: State
    /// When it was recorded.
    public var appliedAt: Date
    /// The database role that applied it.
    public var appliedBy: String
    /// How long it took.
    public var durationMilliseconds: Int
    /// How many statements of the up section ran (and, for a partial file, succeeded).
    public var statementsRun: Int

    /// Creates an entry.
    public init(
        version: MigrationVersion, name: String, checksum: String, state: State, appliedAt: Date,
        appliedBy: String, durationMilliseconds: Int, statementsRun: Int
    ) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.state = state
        self.appliedAt = appliedAt
        self.appliedBy = appliedBy
        self.durationMilliseconds = durationMilliseconds
        self.statementsRun = statementsRun
    }

    /// True when the migration's effects are in the database (applied or baselined).
    public var isInEffect: Bool { state == .applied || state == .baseline }
}
