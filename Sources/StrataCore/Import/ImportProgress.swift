/// What a chunked import reports after each committed chunk, for a progress bar or log lines.
public struct ImportProgress: Sendable, Hashable {
    /// The job.
    public var jobID: Int64
    /// Chunks committed so far (earlier runs included).
    public var chunks: Int
    /// Chunks in all.
    public var chunksTotal: Int
    /// Where the job stands (earlier runs included).
    public var checkpoint: ImportCheckpoint
    /// Bytes of the (decompressed) input in all.
    public var bytesTotal: Int
    /// Records read in this run.
    public var readThisRun: Int
    /// Seconds this run has taken so far.
    public var seconds: Double

    /// Creates a report.
    public init(
        jobID: Int64, chunks: Int, chunksTotal: Int, checkpoint: ImportCheckpoint, bytesTotal: Int, readThisRun: Int,
        seconds: Double
    ) {
        self.jobID = jobID
        self.chunks = chunks
        self.chunksTotal = chunksTotal
        self.checkpoint = checkpoint
        self.bytesTotal = bytesTotal
        self.readThisRun = readThisRun
        self.seconds = seconds
    }

    /// The share of the input consumed, 0...1 (by bytes; by chunks when the input has no bytes, as a key-value table).
    public var fraction: Double {
        if bytesTotal > 0 { return min(1, Double(checkpoint.bytes) / Double(bytesTotal)) }
        return chunksTotal > 0 ? min(1, Double(chunks) / Double(chunksTotal)) : 1
    }

    /// Records per second in this run.
    public var rate: Double { seconds > 0 ? Double(readThisRun) / seconds : 0 }

    /// The bytes consumed on the scale of a file of `fileBytes` (the compressed size of a gzip file, whose
    /// decompressed position maps to it in proportion).
    public func bytesRead(ofFileSized fileBytes: Int) -> Int { Int((fraction * Double(fileBytes)).rounded(.down)) }
}
