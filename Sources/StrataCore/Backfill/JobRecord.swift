import Foundation

/// One row of `strata.jobs`: a long piece of data work (a backfill, later an import) with its progress and the
/// checkpoint it resumes from.
public struct JobRecord: Sendable, Hashable {
    /// What kind of work a job does.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A batched `UPDATE` of a live table (`strata backfill`).
        case backfill
        /// A load of exported data (`strata import`).
        case `import`
    }

    /// Where a job stands.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// A process is working on it (it holds the job's advisory lock).
        case running
        /// Stopped at a batch boundary by `strata jobs pause`; `strata jobs resume` continues it.
        case paused
        /// A batch failed (the error is recorded); rerunning continues after the last committed batch.
        case failed
        /// Every batch ran.
        case done
        /// Stopped at a batch boundary by `strata jobs cancel`; what committed stays, the job never resumes.
        case cancelled
        /// Recorded as running, but no process holds its lock: the process died (kill -9, lost connection,
        /// server restart) or was stopped by a signal. Resumable.
        case interrupted
    }

    /// The job's id in `strata.jobs`.
    public var id: Int64
    /// Backfill or import.
    public var kind: Kind
    /// The job's name: the backfill file's name, or `--name`.
    public var name: String
    /// The table it works on, as PostgreSQL names it (`public.events` or `events`).
    public var target: String
    /// Where it stands.
    public var state: State
    /// The statement it runs, as Strata rebuilt it (so `strata jobs resume` needs no file).
    public var definition: String
    /// The primary key columns it walks.
    public var keyColumns: [String]
    /// The last key of the last committed batch (text of each key column); `nil` before the first batch.
    public var checkpoint: [String]?
    /// The highest key when the job started; it never walks past it. `nil` when the table was empty.
    public var upperKey: [String]?
    /// Rows walked so far (in committed batches).
    public var rowsDone: Int64
    /// Rows the statement changed so far (rows walked minus those its `WHERE` left alone).
    public var rowsChanged: Int64
    /// The planner's estimate (or a count) of the rows to walk, when the job started.
    public var rowsEstimate: Int64?
    /// Committed batches.
    public var batches: Int64
    /// How it is paced: target batch time, fixed batch size, sleep between batches.
    public var pace: BackfillPace
    /// A pause or cancel asked for by `strata jobs`, read at the next batch boundary.
    public var requested: JobRequest?
    /// When the job was created.
    public var startedAt: Date?
    /// When its row last changed.
    public var updatedAt: Date?
    /// When it reached done, failed or cancelled.
    public var finishedAt: Date?
    /// The database role that started it.
    public var actor: String
    /// The last error, for a failed job.
    public var error: String?

    /// Creates a record.
    public init(
        id: Int64, kind: Kind, name: String, target: String, state: State, definition: String, keyColumns: [String],
        checkpoint: [String]? = nil, upperKey: [String]? = nil, rowsDone: Int64 = 0, rowsChanged: Int64 = 0,
        rowsEstimate: Int64? = nil, batches: Int64 = 0, pace: BackfillPace = BackfillPace(), requested: JobRequest? = nil,
        startedAt: Date? = nil, updatedAt: Date? = nil, finishedAt: Date? = nil, actor: String = "", error: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.target = target
        self.state = state
        self.definition = definition
        self.keyColumns = keyColumns
        self.checkpoint = checkpoint
        self.upperKey = upperKey
        self.rowsDone = rowsDone
        self.rowsChanged = rowsChanged
        self.rowsEstimate = rowsEstimate
        self.batches = batches
        self.pace = pace
        self.requested = requested
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.actor = actor
        self.error = error
    }

    /// True when running it again continues it (paused, failed or interrupted).
    public var isResumable: Bool { [.paused, .failed, .interrupted, .running].contains(state) }

    /// The share done, 0...1, when an estimate exists.
    public var fractionDone: Double? {
        if state == .done { return 1 }
        guard let rowsEstimate, rowsEstimate > 0 else { return nil }
        return min(1, Double(rowsDone) / Double(rowsEstimate))
    }
}

/// A request `strata jobs` leaves for the process running a job, honoured at the next batch boundary.
public enum JobRequest: String, Sendable, Hashable {
    /// Stop and leave the job paused.
    case pause
    /// Stop and leave the job cancelled.
    case cancel
}

/// How a backfill is paced; `strata jobs set` changes it while the job runs.
public struct BackfillPace: Sendable, Hashable {
    /// The batch time the adaptive batch size aims at (default 200 ms).
    public var batchTime: Duration
    /// A fixed number of rows per batch (`--batch-size`), which switches adaptation off.
    public var fixedBatchSize: Int?
    /// A pause between batches (`--sleep`).
    public var sleep: Duration

    /// The default target batch time.
    public static let defaultBatchTime: Duration = .milliseconds(200)

    /// Creates a pace.
    public init(batchTime: Duration = BackfillPace.defaultBatchTime, fixedBatchSize: Int? = nil, sleep: Duration = .zero) {
        self.batchTime = batchTime
        self.fixedBatchSize = fixedBatchSize
        self.sleep = sleep
    }
}
