import Foundation
import PostgresNIO
import StrataCore

/// An import's input as read: JSON Lines bytes (loaded by the server path chunk by chunk, the exact path for a
/// chunk that is not clean), or records already parsed (JSON, CSV, a key-value table).
public enum ImportInput: Sendable {
    /// The bytes of a JSON Lines file (decompressed) and the path for locations.
    case jsonLines(bytes: [UInt8], path: String)
    /// Parsed records, the bad ones found while reading, and the size of the input in bytes (0 for a table).
    case records([ImportRecord], rejects: [ImportReject], bytes: Int)
}

/// What a chunked import asks for.
public struct ChunkedImportRequest: Sendable {
    /// The job's name: the mapping's name, or the file (or key-value table) and the table.
    public var name: String
    /// The table, as SQL text `to_regclass` reads (quoted).
    public var table: String
    /// insert or upsert (replace is never chunked).
    public var mode: ImportMode
    /// Key → column renames.
    public var renames: [String: String]
    /// The jsonb column for unknown keys.
    public var extraColumn: String?
    /// Bad records allowed over the whole import, earlier runs included.
    public var maxErrors: Int
    /// Units (records, or JSON Lines lines) per chunk.
    public var chunkRows: Int
    /// The settings' definition and the input's fingerprint; a job resumes only when they are equal.
    public var definition: String

    /// Creates a request.
    public init(
        name: String, table: String, mode: ImportMode, renames: [String: String], extraColumn: String?, maxErrors: Int,
        chunkRows: Int, definition: String
    ) {
        self.name = name
        self.table = table
        self.mode = mode
        self.renames = renames
        self.extraColumn = extraColumn
        self.maxErrors = maxErrors
        self.chunkRows = chunkRows
        self.definition = definition
    }
}

/// How a chunked import run ended.
public struct ChunkedImportOutcome: Sendable {
    /// Why the run stopped.
    public enum Result: String, Sendable {
        /// Every chunk committed.
        case finished
        /// Stopped at a chunk boundary by `strata jobs pause`.
        case paused
        /// Stopped at a chunk boundary by `strata jobs cancel`.
        case cancelled
    }

    /// Why it stopped.
    public var result: Result
    /// The job as it is now.
    public var job: JobRecord
    /// Where it stands, earlier runs included (read = loaded + rejected).
    public var checkpoint: ImportCheckpoint
    /// True when it continued an earlier run's job.
    public var resumed: Bool
    /// The position it started this run at.
    public var startedAt: Int
    /// Chunks committed in this run.
    public var chunksThisRun: Int
    /// Bad records of this run.
    public var rejects: [ImportReject]
}

/// A chunked import: a job in `strata.jobs` whose chunks each commit in their own transaction together with the
/// checkpoint and a row in `strata.job_batches` (unique per job and chunk end). A rerun with the same definition
/// and input, or `strata jobs resume ID`, continues at the next chunk; a chunk never loads twice.
public struct ChunkedImport: Sendable {
    /// The connection.
    public let session: DatabaseSession
    /// The jobs tables.
    public let jobs: JobsTable
    /// Stops the run at the next chunk boundary (SIGINT/SIGTERM in the CLI).
    public let interruption: MigrationInterruption?
    /// Receives a report after each committed chunk.
    public let progress: @Sendable (ImportProgress, [ImportReject]) -> Void
    /// For tests: runs inside each chunk's transaction (with the chunk's number) before its checkpoint is written;
    /// a failure there rolls the chunk back, as a crash before COMMIT would.
    public let chunkHook: (@Sendable (Int) async throws(StrataError) -> Void)?
    /// Told the job and whether it resumes an earlier run, once its lock is held, before the first chunk.
    public let started: @Sendable (JobRecord, _ resumed: Bool) -> Void

    /// Creates a runner.
    public init(
        session: DatabaseSession, jobs: JobsTable, interruption: MigrationInterruption? = nil,
        started: @escaping @Sendable (JobRecord, _ resumed: Bool) -> Void = { _, _ in },
        progress: @escaping @Sendable (ImportProgress, [ImportReject]) -> Void = { _, _ in },
        chunkHook: (@Sendable (Int) async throws(StrataError) -> Void)? = nil
    ) {
        self.session = session
        self.jobs = jobs
        self.interruption = interruption
        self.started = started
        self.progress = progress
        self.chunkHook = chunkHook
    }

    /// The units of `input` (records, or non-blank lines) and their count.
    static func units(of input: ImportInput) -> (count: Int, lines: [(line: Int, range: Range<Int>)]) {
        switch input {
        case .jsonLines(let bytes, _):
            let lines = ServerSideJSONLines.lines(bytes)
            return (lines.count, lines)
        case .records(let records, _, _):
            return (records.count, [])
        }
    }

    /// The units a chunk counts: records, or the non-blank lines of JSON Lines.
    public static func unitCount(_ input: ImportInput) -> Int { units(of: input).count }

    /// Runs (or resumes) the import of `input`.
    public func run(_ input: ImportInput, request: ChunkedImportRequest) async throws(StrataError) -> ChunkedImportOutcome {
        try await jobs.create(in: session)
        let importer = Importer(session: session)
        let described = try await importer.describe(request.table)
        if request.mode == .upsert && described.key.isEmpty {
            throw StrataError(.usage, "import --mode upsert: \(described.name) has no primary key to match rows on")
        }
        _ = try ImportMapping(columns: described.columns, renames: request.renames, extraColumn: request.extraColumn)
        let (total, lines) = Self.units(of: input)
        let totalBytes: Int
        switch input {
        case .jsonLines(let bytes, _): totalBytes = bytes.count
        case .records(_, _, let bytes): totalBytes = bytes
        }
        let existing = try await jobs.latest(kind: .import, name: request.name, in: session)
        var job: JobRecord
        var resumed = false
        switch try ImportResumeDecision.decide(existing: existing, definition: request.definition) {
        case .start:
            job = try await jobs.insertImport(
                name: request.name, target: described.name, definition: request.definition, units: total, bytes: totalBytes,
                chunkRows: request.chunkRows, in: session)
        case .resume(let found, _):
            job = found
            resumed = true
        }
        guard try await jobs.claim(id: job.id, in: session) else {
            throw StrataError(
                .jobBusy, "job \(job.id) (import '\(job.name)') is running in another process",
                hint: "wait for it, or 'strata jobs pause \(job.id)' and resume it here")
        }
        do throws(StrataError) {
            // Read again under the lock: another process may have committed chunks since.
            guard let fresh = try await jobs.job(id: job.id, in: session) else {
                throw StrataError(.internal, "job \(job.id) vanished from \(jobs.jobsName)")
            }
            job = fresh
            let outcome = try await work(
                input, lines: lines, total: total, totalBytes: totalBytes, job: job, resumed: resumed, request: request)
            await jobs.release(id: job.id, in: session)
            return outcome
        } catch {
            if error.code != .interrupted {
                try? await jobs.setState(.failed, error: error.message, id: job.id, in: session)
                await logEvent(job, "failed", error.message)
            }
            await jobs.release(id: job.id, in: session)
            throw error
        }
    }

    private func logEvent(_ job: JobRecord, _ outcome: String, _ detail: String) async {
        try? await jobs.history.logEvent(
            action: "import", version: nil, name: job.name, outcome: outcome, detail: "job \(job.id): \(detail)", in: session)
    }

    private func work(
        _ input: ImportInput, lines: [(line: Int, range: Range<Int>)], total: Int, totalBytes: Int, job start: JobRecord,
        resumed: Bool, request: ChunkedImportRequest
    ) async throws(StrataError) -> ChunkedImportOutcome {
        var job = start
        var checkpoint = try ImportCheckpoint(texts: job.checkpoint, jobID: job.id)
        try await jobs.setState(.running, error: nil, id: job.id, in: session)
        job.state = .running
        await logEvent(job, resumed ? "resumed" : "started", resumed ? "at record \(checkpoint.position) of \(total)" : "\(total) records")
        started(job, resumed)
        let ranges = ImportChunking.chunks(total: total, from: checkpoint.position, rows: request.chunkRows)
        let chunksTotal = Int(job.batches) + ranges.count
        let clock = ContinuousClock()
        let began = clock.now
        let startedAt = checkpoint.position
        var rejectsThisRun: [ImportReject] = []
        var readThisRun = 0
        var chunksThisRun = 0
        func outcome(_ result: ChunkedImportOutcome.Result) -> ChunkedImportOutcome {
            ChunkedImportOutcome(
                result: result, job: job, checkpoint: checkpoint, resumed: resumed, startedAt: startedAt,
                chunksThisRun: chunksThisRun, rejects: rejectsThisRun)
        }
        for range in ranges {
            if let reason = interruption?.triggeredReason {
                try? await jobs.setState(.interrupted, error: "stopped by \(reason)", id: job.id, in: session)
                await logEvent(job, "interrupted", "by \(reason) at record \(checkpoint.position)")
                throw StrataError(
                    .interrupted,
                    "interrupted (\(reason)): import '\(job.name)' stopped after \(checkpoint.read) records in \(job.batches) chunks",
                    hint: "every committed chunk stays; the same import or 'strata jobs resume \(job.id)' continues at the next")
            }
            if let requested = try await jobs.job(id: job.id, in: session)?.requested {
                let state: JobRecord.State = requested == .pause ? .paused : .cancelled
                try await jobs.setState(state, error: nil, id: job.id, in: session)
                job.state = state
                await logEvent(job, state.rawValue, "at record \(checkpoint.position)")
                return outcome(requested == .pause ? .paused : .cancelled)
            }
            let chunk = Int(job.batches) + 1
            let chunkStart = clock.now
            let before = checkpoint
            let bytesAfter = Self.bytesConsumed(input, lines: lines, end: range.upperBound, total: total, totalBytes: totalBytes)
            let hook = chunkHook
            let jobs = self.jobs
            let session = self.session
            let id = job.id
            let commit: ImportCommitHook = { (summary: ImportSummary) async throws(StrataError) -> Void in
                try await hook?(chunk)
                var next = before
                next.position = range.upperBound
                next.bytes = bytesAfter
                next.read += summary.read
                next.loaded += summary.loaded
                next.rejected += summary.rejects.count
                try await jobs.recordChunk(
                    id: id, chunk: chunk, from: range.lowerBound, checkpoint: next, loaded: summary.loaded,
                    changed: summary.changed ?? summary.loaded,
                    milliseconds: Int((clock.now - chunkStart).totalMilliseconds), in: session)
            }
            let summary: ImportSummary
            do throws(StrataError) {
                summary = try await load(
                    input, lines: lines, range: range, withReadRejects: range.lowerBound == 0, request: request,
                    allowance: request.maxErrors - before.rejected, commit: commit)
            } catch {
                var failed = error
                if error.code == .jobFailed, error.hint?.hasPrefix("nothing was loaded") == true {
                    failed.hint = "chunk \(chunk) was rolled back; the \(job.batches) chunks before it stay (job \(job.id), "
                        + "\(before.loaded) records loaded); rerun with a higher --max-errors to continue at chunk \(chunk), "
                        + "or 'strata jobs cancel \(job.id)'"
                }
                throw failed
            }
            checkpoint.position = range.upperBound
            checkpoint.bytes = bytesAfter
            checkpoint.read += summary.read
            checkpoint.loaded += summary.loaded
            checkpoint.rejected += summary.rejects.count
            job.batches = Int64(chunk)
            job.checkpoint = checkpoint.texts
            job.rowsDone = Int64(checkpoint.loaded)
            job.rowsChanged += Int64(summary.changed ?? summary.loaded)
            chunksThisRun += 1
            readThisRun += summary.read
            rejectsThisRun += summary.rejects
            progress(
                ImportProgress(
                    jobID: job.id, chunks: chunk, chunksTotal: chunksTotal, checkpoint: checkpoint, bytesTotal: totalBytes,
                    readThisRun: readThisRun, seconds: (clock.now - began).totalMilliseconds / 1_000),
                summary.rejects)
        }
        try await jobs.setState(.done, error: nil, id: job.id, in: session)
        job.state = .done
        await logEvent(job, "done", "read \(checkpoint.read) = loaded \(checkpoint.loaded) + rejected \(checkpoint.rejected)")
        return outcome(.finished)
    }

    /// The input bytes consumed once units up to `end` are loaded: where the next unit starts, or all of them.
    static func bytesConsumed(
        _ input: ImportInput, lines: [(line: Int, range: Range<Int>)], end: Int, total: Int, totalBytes: Int
    ) -> Int {
        guard end < total else { return totalBytes }
        switch input {
        case .jsonLines: return lines[end].range.lowerBound
        case .records(let records, _, _): return records[end].offset ?? 0
        }
    }

    /// One chunk in one transaction, `commit` running before its COMMIT.
    private func load(
        _ input: ImportInput, lines: [(line: Int, range: Range<Int>)], range: Range<Int>, withReadRejects: Bool,
        request: ChunkedImportRequest, allowance: Int, commit: @escaping ImportCommitHook
    ) async throws(StrataError) -> ImportSummary {
        let importer = Importer(session: session)
        switch input {
        case .records(let records, let rejects, _):
            return try await importer.run(
                Array(records[range]), readRejects: withReadRejects ? rejects : [], into: request.table, mode: request.mode,
                renames: request.renames, extraColumn: request.extraColumn, maxErrors: allowance, beforeCommit: commit)
        case .jsonLines(let bytes, let path):
            let chunk = Array(lines[range])
            let described = try await importer.describe(request.table)
            let mapping = try ImportMapping(columns: described.columns, renames: request.renames, extraColumn: request.extraColumn)
            do {
                return try await ServerSideJSONLines(session: session).load(
                    bytes, path: path, into: described, mapping: mapping, mode: request.mode, lines: chunk, beforeCommit: commit)
            } catch let error as StrataError {
                throw error
            } catch ServerSideJSONLines.Fallback.needsExactPath(let reason) {
                session.logger.debug("import: the exact path runs for this chunk (\(reason))")
            } catch {
                throw StrataError(.internal, "import: \(error)")
            }
            var records: [ImportRecord] = []
            var rejects: [ImportReject] = []
            for (line, span) in chunk {
                switch ImportSource.jsonLine(Array(bytes[span]), location: "\(path):\(line)") {
                case .success(var record):
                    record.offset = span.lowerBound
                    records.append(record)
                case .failure(let reject): rejects.append(reject)
                }
            }
            return try await importer.run(
                records, readRejects: rejects, into: request.table, mode: request.mode, renames: request.renames,
                extraColumn: request.extraColumn, maxErrors: allowance, beforeCommit: commit)
        }
    }
}
