/// What a backfill reports as it goes, for a progress bar or log lines.
public enum BackfillProgress: Sendable {
    /// The job starts (`resumed`: it continues after an earlier run's last committed batch).
    case started(JobRecord, resumed: Bool)
    /// A batch committed.
    case batch(BackfillStatus)
    /// A batch hit a lock or statement timeout and is retried after `delay`.
    case retrying(attempt: Int, of: Int, delay: Duration, reason: String)
}

/// Where a running backfill stands after a batch.
public struct BackfillStatus: Sendable, Hashable {
    /// The job.
    public var jobID: Int64
    /// Rows walked so far, earlier runs included.
    public var rowsDone: Int64
    /// The estimate of rows to walk, if known.
    public var rowsEstimate: Int64?
    /// Committed batches so far.
    public var batches: Int64
    /// The size of the batch that just ran.
    public var batchSize: Int
    /// How long it took.
    public var batchTime: Duration
    /// Rows per second in this run.
    public var rate: Double
    /// The expected time left, from the rate and the estimate.
    public var remaining: Duration?

    /// Creates a status.
    public init(
        jobID: Int64, rowsDone: Int64, rowsEstimate: Int64?, batches: Int64, batchSize: Int, batchTime: Duration,
        rate: Double, remaining: Duration?
    ) {
        self.jobID = jobID
        self.rowsDone = rowsDone
        self.rowsEstimate = rowsEstimate
        self.batches = batches
        self.batchSize = batchSize
        self.batchTime = batchTime
        self.rate = rate
        self.remaining = remaining
    }
}

/// How a backfill run ended.
public struct BackfillOutcome: Sendable {
    /// Why the run stopped.
    public enum Result: String, Sendable, Hashable {
        /// Every key up to the upper key was walked.
        case finished
        /// The job had finished before; nothing ran (`--again` reruns it).
        case alreadyDone = "already-done"
        /// Stopped at a batch boundary by `strata jobs pause`.
        case paused
        /// Stopped at a batch boundary by `strata jobs cancel`.
        case cancelled
    }

    /// Why it stopped.
    public var result: Result
    /// The job as it is now.
    public var job: JobRecord
    /// Rows walked in this run.
    public var rowsThisRun: Int64
    /// Batches committed in this run.
    public var batchesThisRun: Int
    /// The longest batch of this run.
    public var longestBatch: Duration
    /// How long this run took.
    public var elapsed: Duration
}

/// What `--dry-run` shows: the estimate and the first batch's statement; nothing is changed.
public struct BackfillPlan: Sendable {
    /// The table.
    public var table: BackfillTable
    /// The first batch's statement.
    public var firstBatch: String
    /// Its size.
    public var batchSize: Int
    /// An earlier job of this name, if any.
    public var existing: JobRecord?
}
