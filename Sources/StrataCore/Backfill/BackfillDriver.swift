/// The verbs a backfill needs from a database, and nothing more: the ``BackfillRunner`` decides (batch size,
/// retries, sleep, pause, cancel, resume, when it is done) and a driver executes. `StrataPostgres` provides the
/// PostgreSQL driver; the core's unit tests use an in-memory one.
public protocol BackfillDriver: Sendable {
    /// Creates `strata.jobs` and `strata.job_batches` (and the history tables) when missing.
    func prepareJobs() async throws(StrataError)
    /// The newest job of `kind` named `name`, if any.
    func latestJob(kind: JobRecord.Kind, name: String) async throws(StrataError) -> JobRecord?
    /// The job with `id`, if any (its state `interrupted` when recorded running but no process holds its lock).
    func job(id: Int64) async throws(StrataError) -> JobRecord?
    /// What the runner needs to know about the table before the first batch: its primary key, its highest key
    /// now, and an estimate of its rows. Throws when the table does not exist or has no primary key.
    func describe(_ definition: BackfillDefinition, exactCount: Bool) async throws(StrataError) -> BackfillTable
    /// Records a new running job for `definition` over `table`.
    func createJob(_ definition: BackfillDefinition, table: BackfillTable, pace: BackfillPace) async throws(StrataError) -> JobRecord
    /// Takes the job's lock for this process (a session advisory lock); false when another process holds it.
    func claim(jobID: Int64) async throws(StrataError) -> Bool
    /// Releases the job's lock; never throws.
    func release(jobID: Int64) async
    /// Marks the job running again (clears a request and a finish time) before a resumed run.
    func markRunning(jobID: Int64) async throws(StrataError)
    /// Runs one batch in its own short transaction: the keys after `after` (all from the start when `nil`) up to
    /// the job's upper key, at most `limit` of them, updated by the definition, with the job's checkpoint and a
    /// `strata.job_batches` row committed in the same transaction. `nil` when no key is left.
    func runBatch(
        job: JobRecord, definition: BackfillDefinition, after: [String]?, limit: Int, timeouts: BatchTimeouts
    ) async throws(StrataError) -> BatchOutcome?
    /// The job's pending request and current pace, read at each batch boundary.
    func control(jobID: Int64) async throws(StrataError) -> JobControl
    /// Records that the job stopped (done, paused, cancelled, failed, interrupted), with the error of a failure.
    func finish(jobID: Int64, state: JobRecord.State, error: String?) async throws(StrataError)
    /// Appends an event to `strata.events`; failures are ignored.
    func logEvent(action: String, name: String, outcome: String, detail: String?) async
    /// The statement of the first batch, for `--dry-run`.
    func previewBatch(_ definition: BackfillDefinition, table: BackfillTable, limit: Int) -> String
}

/// A table as a backfill sees it.
public struct BackfillTable: Sendable, Hashable {
    /// The table as PostgreSQL names it (`regclass` text, quoted where needed).
    public var name: String
    /// Its primary key columns, in key order.
    public var keyColumns: [String]
    /// The SQL type of each key column (`bigint`, `text`, `uuid`), as `format_type` writes it.
    public var keyTypes: [String]
    /// The highest key now, or `nil` for an empty table.
    public var upperKey: [String]?
    /// The planner's estimate of the row count (or an exact count when asked).
    public var rowsEstimate: Int64?

    /// Creates a description.
    public init(name: String, keyColumns: [String], keyTypes: [String], upperKey: [String]?, rowsEstimate: Int64?) {
        self.name = name
        self.keyColumns = keyColumns
        self.keyTypes = keyTypes
        self.upperKey = upperKey
        self.rowsEstimate = rowsEstimate
    }
}

/// The per-batch timeouts (`SET LOCAL`), so a batch never waits on, or holds, a lock for long.
public struct BatchTimeouts: Sendable, Hashable {
    /// `lock_timeout` of each batch (default 2 s).
    public var lockTimeout: TimeoutValue
    /// `statement_timeout` of each batch (default 30 s).
    public var statementTimeout: TimeoutValue

    /// The defaults.
    public static let standard = BatchTimeouts(
        lockTimeout: TimeoutValue(milliseconds: 2_000), statementTimeout: TimeoutValue(milliseconds: 30_000))

    /// Creates timeouts.
    public init(lockTimeout: TimeoutValue, statementTimeout: TimeoutValue) {
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
    }
}

/// What one committed batch did.
public struct BatchOutcome: Sendable, Hashable {
    /// Keys walked.
    public var rows: Int
    /// Rows the UPDATE changed (its WHERE may leave some alone).
    public var changed: Int
    /// The last key of the batch: the new checkpoint.
    public var lastKey: [String]
    /// How long the batch's transaction took.
    public var elapsed: Duration

    /// Creates an outcome.
    public init(rows: Int, changed: Int, lastKey: [String], elapsed: Duration) {
        self.rows = rows
        self.changed = changed
        self.lastKey = lastKey
        self.elapsed = elapsed
    }
}
