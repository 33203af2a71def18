/// Settings of one `strata backfill` run.
public struct BackfillOptions: Sendable {
    /// The pace from flags; `nil` fields fall back to the file's directives, then the defaults.
    public var batchTime: Duration?
    /// `--batch-size`.
    public var fixedBatchSize: Int?
    /// `--sleep`.
    public var sleep: Duration?
    /// `--again`: run a finished backfill once more, as a new job.
    public var again: Bool
    /// `--count`: count the rows exactly instead of the planner's estimate.
    public var exactCount: Bool
    /// Per-batch timeouts (file directives override them).
    public var timeouts: BatchTimeouts
    /// Retries of a batch that hit `lock_timeout` (55P03) or `statement_timeout` (57014).
    public var retry: RetryBackoff
    /// The largest batch the adaptive size grows to.
    public var maximumBatchSize: Int

    /// Creates options.
    public init(
        batchTime: Duration? = nil, fixedBatchSize: Int? = nil, sleep: Duration? = nil, again: Bool = false,
        exactCount: Bool = false, timeouts: BatchTimeouts = .standard, retry: RetryBackoff = .lockTimeoutDefault,
        maximumBatchSize: Int = 100_000
    ) {
        self.batchTime = batchTime
        self.fixedBatchSize = fixedBatchSize
        self.sleep = sleep
        self.again = again
        self.exactCount = exactCount
        self.timeouts = timeouts
        self.retry = retry
        self.maximumBatchSize = maximumBatchSize
    }

    /// The pace of a new job: flags over the file's directives over the defaults.
    public func pace(for definition: BackfillDefinition) -> BackfillPace {
        let file = definition.pace ?? BackfillPace()
        return BackfillPace(
            batchTime: batchTime ?? file.batchTime, fixedBatchSize: fixedBatchSize ?? file.fixedBatchSize,
            sleep: sleep ?? file.sleep)
    }

    /// The batch timeouts for `definition`: its directives over these options.
    public func timeouts(for definition: BackfillDefinition) -> BatchTimeouts {
        BatchTimeouts(
            lockTimeout: definition.lockTimeout ?? timeouts.lockTimeout,
            statementTimeout: definition.statementTimeout ?? timeouts.statementTimeout)
    }
}
