import Foundation
@testable import StrataCore

/// A ``BackfillDriver`` over an in-memory table of integer keys, for testing the runner's policy in milliseconds.
/// A batch "updates" a row by counting it in `touches`; each batch takes `millisecondsPerRow * rows` of pretend
/// time. Failures are scripted: `lockTimeouts` batches fail with 55P03 first, `crashAfterBatches` makes every
/// batch after that many throw a connection error (a dead process), `onBatch` runs after each committed batch.
final class InMemoryBackfillDriver: BackfillDriver, @unchecked Sendable {
    private let lock = NSLock()
    /// The table: key → times updated.
    private(set) var touches: [Int: Int] = [:]
    private(set) var jobs: [Int64: JobRecord] = [:]
    /// Committed batches: (job, after, last, rows).
    private(set) var batchLog: [(job: Int64, after: Int?, last: Int, rows: Int)] = []
    private(set) var limits: [Int] = []
    private(set) var events: [String] = []
    var lockedJobs: Set<Int64> = []
    var heldElsewhere: Set<Int64> = []
    var millisecondsPerRow = 0.1
    var lockTimeouts = 0
    var crashAfterBatches: Int?
    var onBatch: (@Sendable (Int) -> Void)?

    init(keys: some Sequence<Int>) {
        for key in keys { touches[key] = 0 }
    }

    func insert(_ key: Int) { lock.withLock { touches[key] = 0 } }
    func request(_ request: JobRequest?, job: Int64) { lock.withLock { jobs[job]?.requested = request } }
    func setPace(_ pace: BackfillPace, job: Int64) { lock.withLock { jobs[job]?.pace = pace } }
    /// Forgets that any process holds a job (the process died).
    func dropLocks() { lock.withLock { lockedJobs.removeAll() } }
    var touchCounts: [Int] { lock.withLock { touches.keys.sorted().map { touches[$0] ?? 0 } } }

    func prepareJobs() async throws(StrataError) {}

    func latestJob(kind: JobRecord.Kind, name: String) async throws(StrataError) -> JobRecord? {
        lock.withLock { jobs.values.filter { $0.kind == kind && $0.name == name }.max { $0.id < $1.id }.map(shown) }
    }

    func job(id: Int64) async throws(StrataError) -> JobRecord? { lock.withLock { jobs[id].map(shown) } }

    /// A running job nobody holds is interrupted, as in PostgreSQL.
    private func shown(_ job: JobRecord) -> JobRecord {
        var copy = job
        if copy.state == .running && !lockedJobs.contains(job.id) && !heldElsewhere.contains(job.id) { copy.state = .interrupted }
        return copy
    }

    func describe(_ definition: BackfillDefinition, exactCount: Bool) async throws(StrataError) -> BackfillTable {
        lock.withLock {
            BackfillTable(
                name: definition.table, keyColumns: ["id"], keyTypes: ["bigint"], upperKey: touches.keys.max().map { [String($0)] },
                rowsEstimate: Int64(touches.count))
        }
    }

    func createJob(_ definition: BackfillDefinition, table: BackfillTable, pace: BackfillPace) async throws(StrataError) -> JobRecord {
        lock.withLock {
            let id = Int64(jobs.count + 1)
            let job = JobRecord(
                id: id, kind: .backfill, name: definition.name, target: table.name, state: .running,
                definition: definition.statement, keyColumns: table.keyColumns, upperKey: table.upperKey,
                rowsEstimate: table.rowsEstimate, pace: pace)
            jobs[id] = job
            return job
        }
    }

    func claim(jobID: Int64) async throws(StrataError) -> Bool {
        lock.withLock {
            if heldElsewhere.contains(jobID) || lockedJobs.contains(jobID) { return false }
            lockedJobs.insert(jobID)
            return true
        }
    }

    func release(jobID: Int64) async { _ = lock.withLock { lockedJobs.remove(jobID) } }

    func markRunning(jobID: Int64) async throws(StrataError) {
        lock.withLock {
            jobs[jobID]?.state = .running
            jobs[jobID]?.requested = nil
            jobs[jobID]?.error = nil
        }
    }

    func runBatch(
        job: JobRecord, definition: BackfillDefinition, after: [String]?, limit: Int, timeouts: BatchTimeouts
    ) async throws(StrataError) -> BatchOutcome? {
        let outcome = try batchLocked(job: job, after: after, limit: limit)
        if outcome != nil, let onBatch { onBatch(lock.withLock { batchLog.count }) }
        return outcome
    }

    private func batchLocked(job: JobRecord, after: [String]?, limit: Int) throws(StrataError) -> BatchOutcome? {
        lock.lock()
        defer { lock.unlock() }
        do {
            limits.append(limit)
            if let crashAfterBatches, batchLog.count >= crashAfterBatches {
                throw StrataError(.connection, "the connection to the server was lost")
            }
            if lockTimeouts > 0 {
                lockTimeouts -= 1
                throw StrataError(.internal, "canceling statement due to lock timeout", sqlState: "55P03")
            }
            guard let upper = job.upperKey.flatMap({ $0.first }).flatMap({ Int($0) }) else { return nil }
            let lower = after.flatMap { $0.first }.flatMap { Int($0) }
            let keys = touches.keys.filter { ($0 > (lower ?? Int.min)) && $0 <= upper }.sorted().prefix(limit)
            guard let last = keys.last else { return nil }
            for key in keys { touches[key, default: 0] += 1 }
            batchLog.append((job.id, lower, last, keys.count))
            jobs[job.id]?.checkpoint = [String(last)]
            jobs[job.id]?.rowsDone += Int64(keys.count)
            jobs[job.id]?.rowsChanged += Int64(keys.count)
            jobs[job.id]?.batches += 1
            return BatchOutcome(
                rows: keys.count, changed: keys.count, lastKey: [String(last)],
                elapsed: .microseconds(Int64(Double(keys.count) * millisecondsPerRow * 1_000)))
        }
    }

    func control(jobID: Int64) async throws(StrataError) -> JobControl {
        lock.withLock { JobControl(requested: jobs[jobID]?.requested, pace: jobs[jobID]?.pace ?? BackfillPace()) }
    }

    func finish(jobID: Int64, state: JobRecord.State, error: String?) async throws(StrataError) {
        lock.withLock {
            jobs[jobID]?.state = state
            jobs[jobID]?.error = error
            jobs[jobID]?.requested = nil
        }
    }

    func logEvent(action: String, name: String, outcome: String, detail: String?) async {
        lock.withLock { events.append("\(action) \(name) \(outcome)") }
    }

    func previewBatch(_ definition: BackfillDefinition, table: BackfillTable, limit: Int) -> String {
        "batch of \(limit) over \(table.name)"
    }
}
