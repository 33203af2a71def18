/// The state of one migration, comparing the folder with the history table.
public struct MigrationStatus: Sendable, Hashable {
    /// What `strata status` shows for a migration.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Recorded as applied, file unchanged.
        case applied
        /// In the folder, not applied.
        case pending
        /// Applied, but its file is gone from the folder.
        case missing
        /// Applied, but its file changed since (checksum differs).
        case changed
        /// A non-transactional run failed before any of its statements committed; fix and rerun.
        case failed
        /// A non-transactional run stopped part-way (a statement failed, or the run was interrupted) with its earlier
        /// statements committed; a rerun resumes after them.
        case partial
        /// Skipped for a missing extension; a later `migrate` retries it once the extension is available.
        case skipped
        /// A no-transaction file part-way through while a run holds the migration lock: it is being applied now.
        case running
    }

    /// The migration's version.
    public var version: MigrationVersion
    /// Its name (from the file, or from history when the file is missing).
    public var name: String
    /// Its state.
    public var state: State
    /// The file, when present.
    public var migration: Migration?
    /// The history row, when present.
    public var history: HistoryEntry?

    /// Creates a status.
    public init(version: MigrationVersion, name: String, state: State, migration: Migration?, history: HistoryEntry?) {
        self.version = version
        self.name = name
        self.state = state
        self.migration = migration
        self.history = history
    }

    /// The checksum to show: the file's when present, otherwise the recorded one.
    public var checksum: String { migration?.checksum ?? history?.checksum ?? "" }
}
