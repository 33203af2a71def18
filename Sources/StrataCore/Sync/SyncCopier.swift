/// The copy of a sync: the existing rows of the old table, in key order, in short batches, each committed with its
/// checkpoint, so a copy killed at any moment resumes after its last committed batch. The policy (when to stop,
/// resume, interruption) lives here; a ``SyncCopyBatches`` does the SQL.
public struct SyncCopier: Sendable {
    /// Rows per batch.
    public var batchSize: Int
    /// Checked between batches.
    public var interruption: MigrationInterruption?

    /// Creates a copier.
    public init(batchSize: Int, interruption: MigrationInterruption? = nil) {
        self.batchSize = batchSize
        self.interruption = interruption
    }

    /// What a copy did.
    public struct Outcome: Sendable, Hashable {
        /// Rows walked by this run.
        public var rows: Int64
        /// Rows inserted by this run (the others were written by the triggers first, or by an earlier run).
        public var inserted: Int64
        /// Batches committed by this run.
        public var batches: Int
    }

    /// Copies from `checkpoint` (the last key of the last committed batch, `nil` from the start) until a batch finds
    /// no key left. `progress` is called after each batch with the running totals.
    public func copy(
        _ batches: some SyncCopyBatches, from checkpoint: [String]?,
        progress: (Outcome) -> Void = { _ in }
    ) async throws(StrataError) -> Outcome {
        var after = checkpoint
        var outcome = Outcome(rows: 0, inserted: 0, batches: 0)
        while true {
            if let reason = interruption?.triggeredReason {
                throw StrataError(
                    .interrupted,
                    "interrupted (\(reason)) during the copy; \(outcome.rows) rows copied by this run are kept",
                    hint: "run 'strata sync start' again to resume after the last committed batch")
            }
            guard let batch = try await batches.copyBatch(after: after, limit: batchSize) else { return outcome }
            outcome.rows += Int64(batch.rows)
            outcome.inserted += Int64(batch.inserted)
            outcome.batches += 1
            after = batch.lastKey
            progress(outcome)
        }
    }
}

/// One committed batch of a copy.
public struct SyncCopyBatch: Sendable, Hashable {
    /// Keys walked.
    public var rows: Int
    /// Rows inserted (the rest were already there).
    public var inserted: Int
    /// The last key walked: the new checkpoint.
    public var lastKey: [String]

    /// Creates a batch outcome.
    public init(rows: Int, inserted: Int, lastKey: [String]) {
        self.rows = rows
        self.inserted = inserted
        self.lastKey = lastKey
    }
}

/// The one verb a copy needs from a database.
public protocol SyncCopyBatches: Sendable {
    /// Copies up to `limit` keys after `after` (from the start when `nil`) in one transaction that also records the
    /// checkpoint; `nil` when no key is left. A batch may walk no row (its rows were deleted meanwhile) and still
    /// move the checkpoint on; the checkpoint never moves back.
    func copyBatch(after: [String]?, limit: Int) async throws(StrataError) -> SyncCopyBatch?
}
