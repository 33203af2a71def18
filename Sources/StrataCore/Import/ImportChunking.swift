/// How an import commits: all in one transaction, or in chunks of N records, each committed with the job's
/// checkpoint so a rerun continues at the next chunk.
public enum ImportChunking: Sendable, Hashable {
    /// One transaction: everything loads or nothing does. No job row is kept.
    case singleTransaction
    /// Chunks of `rows` records, each in its own transaction with the checkpoint in `strata.jobs`.
    case chunked(rows: Int)

    /// The default chunk size.
    public static let defaultChunkRows = 50_000

    /// The policy: `--single-transaction` (or `single_transaction = true`) and `replace` (whose TRUNCATE must not
    /// be seen without the rows) take one transaction; so does an input that fits in one chunk, where the two are
    /// the same. Anything larger is chunked. `--chunk-rows` with either of the first two is refused as
    /// contradictory. An unfinished job of the same import (`unfinishedJob`) is always continued in chunks, whatever
    /// the input's size: one transaction would load its committed chunks a second time.
    public static func decide(
        units: Int, mode: ImportMode, singleTransaction: Bool?, chunkRows: Int?, unfinishedJob: Int64? = nil
    ) throws(StrataError) -> ImportChunking {
        if let chunkRows, chunkRows < 1 { throw StrataError(.usage, "--chunk-rows must be 1 or more") }
        if let unfinishedJob {
            if singleTransaction == true {
                throw StrataError(
                    .usage, "job \(unfinishedJob) of this import has committed chunks; one transaction would load them again",
                    hint: "drop --single-transaction to continue job \(unfinishedJob), or 'strata jobs cancel \(unfinishedJob)' first")
            }
            return .chunked(rows: chunkRows ?? defaultChunkRows)
        }
        if singleTransaction == true {
            if chunkRows != nil {
                throw StrataError(.usage, "--chunk-rows and --single-transaction contradict each other", hint: "give one of them")
            }
            return .singleTransaction
        }
        if mode == .replace {
            if chunkRows != nil || singleTransaction == false {
                throw StrataError(
                    .usage, "--mode replace runs in one transaction (the table is never seen empty); it cannot be chunked",
                    hint: "drop --chunk-rows, or load with --mode upsert in chunks")
            }
            return .singleTransaction
        }
        let rows = chunkRows ?? defaultChunkRows
        if units <= rows && singleTransaction != false { return .singleTransaction }
        return .chunked(rows: rows)
    }

    /// The ranges of units still to load: chunks of `rows` from `position` up to `total`.
    public static func chunks(total: Int, from position: Int, rows: Int) -> [Range<Int>] {
        guard rows > 0, position < total else { return [] }
        return stride(from: max(0, position), to: total, by: rows).map { $0..<min(total, $0 + rows) }
    }
}

/// Where a chunked import stands after its last committed chunk, kept in `strata.jobs` (`checkpoint`, named by
/// `key_columns`): the next unit to load (record, or non-blank line of JSON Lines), the input bytes consumed, and
/// the records read, loaded and rejected so far.
public struct ImportCheckpoint: Sendable, Hashable {
    /// The index of the first unit not yet loaded.
    public var position: Int
    /// Bytes of the (decompressed) input consumed.
    public var bytes: Int
    /// Records read so far (loaded + rejected).
    public var read: Int
    /// Records loaded so far.
    public var loaded: Int
    /// Records set aside so far.
    public var rejected: Int

    /// The names stored in the job's `key_columns`, in the order of ``texts``.
    public static let fields = ["position", "bytes", "read", "loaded", "rejected"]

    /// Creates a checkpoint; the default is the start.
    public init(position: Int = 0, bytes: Int = 0, read: Int = 0, loaded: Int = 0, rejected: Int = 0) {
        self.position = position
        self.bytes = bytes
        self.read = read
        self.loaded = loaded
        self.rejected = rejected
    }

    /// Reads a stored checkpoint; `nil` (no chunk yet) is the start; anything else malformed is refused.
    public init(texts: [String]?, jobID: Int64) throws(StrataError) {
        guard let texts else {
            self.init()
            return
        }
        let numbers = texts.compactMap { Int($0) }
        guard numbers.count == Self.fields.count, numbers.allSatisfy({ $0 >= 0 }) else {
            throw StrataError(
                .validation, "job \(jobID) has a checkpoint Strata cannot read: \(texts)",
                hint: "'strata jobs cancel \(jobID)' and import again (use --mode upsert to load over committed chunks)")
        }
        self.init(position: numbers[0], bytes: numbers[1], read: numbers[2], loaded: numbers[3], rejected: numbers[4])
    }

    /// The values as stored.
    public var texts: [String] { [position, bytes, read, loaded, rejected].map(String.init) }
}

/// What a chunked import does with the newest job of its name.
public enum ImportResumeDecision: Sendable, Hashable {
    /// No unfinished job: start a new one.
    case start
    /// Continue this job after its checkpoint.
    case resume(JobRecord, ImportCheckpoint)

    /// The policy: a paused, failed, interrupted (or running, which its lock then refuses) job with the same
    /// definition and input resumes; a done or cancelled one leaves a rerun as a new import; an unfinished job
    /// whose definition or input differ is refused, since resuming it would load other rows at the checkpoint.
    public static func decide(existing: JobRecord?, definition: String) throws(StrataError) -> ImportResumeDecision {
        guard let existing else { return .start }
        switch existing.state {
        case .done, .cancelled:
            return .start
        case .running, .paused, .failed, .interrupted:
            guard existing.definition == definition else {
                throw StrataError(
                    .usage,
                    "import '\(existing.name)' has an unfinished job \(existing.id) (\(existing.state.rawValue)) for another input or other settings",
                    detail: "job \(existing.id) loads:\n\(existing.definition)",
                    hint: "restore the input to finish job \(existing.id), or 'strata jobs cancel \(existing.id)' and import again "
                        + "(its committed chunks stay; --mode upsert loads over them)")
            }
            return .resume(existing, try ImportCheckpoint(texts: existing.checkpoint, jobID: existing.id))
        }
    }
}
