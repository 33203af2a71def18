import Foundation
import Logging

/// The run policy of `strata backfill` and `strata jobs resume`, over any ``BackfillDriver``: find or create the
/// job, hold its lock, walk the key range that existed at the start in batches sized toward the target time,
/// retry a batch that hit a lock or statement timeout with backoff, sleep between batches, honour pause, cancel
/// and pace changes at batch boundaries, and record how the job ended. Every batch commits with its checkpoint,
/// so a run that dies resumes after the last committed batch and never repeats one.
public struct BackfillRunner: Sendable {
    /// Executes what the runner decides.
    public let driver: any BackfillDriver
    /// Warnings (retries).
    public let logger: Logger
    /// Receives progress reports.
    public let progress: @Sendable (BackfillProgress) -> Void
    /// Sleeps between batches and before retries (injected so tests do not wait).
    public let sleeper: @Sendable (Duration) async -> Void
    /// A number in 0..<1 for retry jitter (injected so tests are deterministic).
    public let random: @Sendable () -> Double
    /// Stops the run at the next batch boundary (SIGINT/SIGTERM in the CLI).
    public let interruption: MigrationInterruption?

    /// Creates a runner.
    public init(
        driver: any BackfillDriver, logger: Logger, interruption: MigrationInterruption? = nil,
        progress: @escaping @Sendable (BackfillProgress) -> Void = { _ in },
        sleeper: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.driver = driver
        self.logger = logger
        self.interruption = interruption
        self.progress = progress
        self.sleeper = sleeper
        self.random = random
    }

    /// Runs the backfill `definition`: continues its unfinished job when there is one (after the last committed
    /// batch), reports a finished one as done (unless `again`), else starts a new job.
    public func run(_ definition: BackfillDefinition, options: BackfillOptions = BackfillOptions()) async throws(StrataError) -> BackfillOutcome {
        try await driver.prepareJobs()
        if let existing = try await driver.latestJob(kind: .backfill, name: definition.name) {
            switch existing.state {
            case .done where !options.again:
                return BackfillOutcome(
                    result: .alreadyDone, job: existing, rowsThisRun: 0, batchesThisRun: 0, longestBatch: .zero, elapsed: .zero)
            case .running, .paused, .failed, .interrupted:
                guard existing.definition == definition.statement else {
                    throw StrataError(
                        .usage, "backfill '\(definition.name)' changed since job \(existing.id) started it",
                        detail: "job \(existing.id) runs: \(existing.definition)",
                        hint: "restore the statement to finish job \(existing.id), or 'strata jobs cancel \(existing.id)' and run it again")
                }
                if options.again {
                    throw StrataError(
                        .usage, "backfill '\(definition.name)' has an unfinished job \(existing.id) (\(existing.state.rawValue))",
                        hint: "run it without --again to continue it, or 'strata jobs cancel \(existing.id)' first")
                }
                return try await drive(existing, definition: definition, resumed: true, options: options)
            case .done, .cancelled:
                break
            }
        }
        let table = try await driver.describe(definition, exactCount: options.exactCount)
        let job = try await driver.createJob(definition, table: table, pace: options.pace(for: definition))
        return try await drive(job, definition: definition, resumed: false, options: options)
    }

    /// Continues job `id` (`strata jobs resume ID`) after its last committed batch.
    public func resume(jobID: Int64, options: BackfillOptions = BackfillOptions()) async throws(StrataError) -> BackfillOutcome {
        try await driver.prepareJobs()
        guard let job = try await driver.job(id: jobID) else {
            throw StrataError(.usage, "there is no job \(jobID)", hint: "'strata jobs' lists them")
        }
        guard job.kind == .backfill else {
            throw StrataError(.usage, "job \(jobID) is an \(job.kind.rawValue); only backfills resume this way")
        }
        switch job.state {
        case .done:
            return BackfillOutcome(
                result: .alreadyDone, job: job, rowsThisRun: 0, batchesThisRun: 0, longestBatch: .zero, elapsed: .zero)
        case .cancelled:
            throw StrataError(
                .jobFailed, "job \(jobID) was cancelled and does not resume",
                hint: "run the backfill again to start a new job")
        case .running, .paused, .failed, .interrupted:
            let definition = try BackfillFile.parse(text: job.definition, path: "strata.jobs \(jobID)", name: job.name)
            return try await drive(job, definition: definition, resumed: true, options: options)
        }
    }

    /// Reads what a run would do: the table, its estimate and the first batch's statement; changes nothing.
    public func plan(_ definition: BackfillDefinition, options: BackfillOptions = BackfillOptions()) async throws(StrataError) -> BackfillPlan {
        let table = try await driver.describe(definition, exactCount: options.exactCount)
        let pace = options.pace(for: definition)
        let size = pace.fixedBatchSize ?? min(BatchSizer.initialSize, options.maximumBatchSize)
        let existing = try await driver.latestJob(kind: .backfill, name: definition.name)
        return BackfillPlan(
            table: table, firstBatch: driver.previewBatch(definition, table: table, limit: size), batchSize: size,
            existing: existing)
    }

    /// Works on `job` under its lock until it is done, paused, cancelled, interrupted or fails.
    func drive(
        _ job: JobRecord, definition: BackfillDefinition, resumed: Bool, options: BackfillOptions
    ) async throws(StrataError) -> BackfillOutcome {
        guard try await driver.claim(jobID: job.id) else {
            throw StrataError(
                .jobBusy, "job \(job.id) (backfill '\(job.name)') is running in another process",
                hint: "wait for it, or 'strata jobs pause \(job.id)' and resume it here")
        }
        do throws(StrataError) {
            let outcome = try await work(job, definition: definition, resumed: resumed, options: options)
            await driver.release(jobID: job.id)
            return outcome
        } catch {
            if error.code != .interrupted {
                try? await driver.finish(jobID: job.id, state: .failed, error: error.message)
                await driver.logEvent(action: "backfill", name: job.name, outcome: "failed", detail: "job \(job.id): \(error.message)")
            }
            await driver.release(jobID: job.id)
            throw error
        }
    }

    private func work(
        _ start: JobRecord, definition: BackfillDefinition, resumed: Bool, options: BackfillOptions
    ) async throws(StrataError) -> BackfillOutcome {
        var job = start
        if resumed { try await driver.markRunning(jobID: job.id) }
        job.state = .running
        await driver.logEvent(
            action: "backfill", name: job.name, outcome: resumed ? "resumed" : "started",
            detail: "job \(job.id)" + (resumed ? " after \(job.rowsDone) rows" : ""))
        progress(.started(job, resumed: resumed))
        let clock = ContinuousClock()
        let began = clock.now
        var sizer = BatchSizer(target: job.pace.batchTime, maximum: options.maximumBatchSize)
        var rowsThisRun: Int64 = 0
        var batchesThisRun = 0
        var longest: Duration = .zero
        let timeouts = options.timeouts(for: definition)
        func outcome(_ result: BackfillOutcome.Result) -> BackfillOutcome {
            BackfillOutcome(
                result: result, job: job, rowsThisRun: rowsThisRun, batchesThisRun: batchesThisRun, longestBatch: longest,
                elapsed: clock.now - began)
        }
        while true {
            if let reason = interruption?.triggeredReason {
                try? await driver.finish(jobID: job.id, state: .interrupted, error: "stopped by \(reason)")
                await driver.logEvent(action: "backfill", name: job.name, outcome: "interrupted", detail: "job \(job.id) by \(reason)")
                throw StrataError(
                    .interrupted,
                    "interrupted (\(reason)): backfill '\(job.name)' stopped after \(job.rowsDone) rows in \(job.batches) batches",
                    hint: "every committed batch stays; 'strata backfill \(job.name)' or 'strata jobs resume \(job.id)' continues")
            }
            let control = try await driver.control(jobID: job.id)
            job.pace = control.pace
            sizer.target = control.pace.batchTime
            switch control.requested {
            case .cancel?:
                try await stop(&job, as: .cancelled)
                return outcome(.cancelled)
            case .pause?:
                try await stop(&job, as: .paused)
                return outcome(.paused)
            case nil:
                break
            }
            guard job.upperKey != nil,
                let batch = try await batchWithRetry(job: job, definition: definition, sizer: &sizer, timeouts: timeouts, retry: options.retry)
            else {
                try await stop(&job, as: .done)
                return outcome(.finished)
            }
            job.checkpoint = batch.lastKey
            job.rowsDone += Int64(batch.rows)
            job.rowsChanged += Int64(batch.changed)
            job.batches += 1
            rowsThisRun += Int64(batch.rows)
            batchesThisRun += 1
            longest = max(longest, batch.elapsed)
            let ranFor = (clock.now - began).totalMilliseconds / 1_000
            let rate = ranFor > 0 ? Double(rowsThisRun) / ranFor : 0
            var remaining: Duration?
            if let estimate = job.rowsEstimate, rate > 0 {
                remaining = .milliseconds(Int64(Double(max(0, estimate - job.rowsDone)) / rate * 1_000))
            }
            progress(.batch(BackfillStatus(
                jobID: job.id, rowsDone: job.rowsDone, rowsEstimate: job.rowsEstimate, batches: job.batches,
                batchSize: batch.rows, batchTime: batch.elapsed, rate: rate, remaining: remaining)))
            sizer.record(rows: batch.rows, elapsed: batch.elapsed)
            if control.pace.sleep > .zero { await sleeper(control.pace.sleep) }
        }
    }

    private func stop(_ job: inout JobRecord, as state: JobRecord.State) async throws(StrataError) {
        try await driver.finish(jobID: job.id, state: state, error: nil)
        job.state = state
        job.requested = nil
        await driver.logEvent(
            action: "backfill", name: job.name, outcome: state.rawValue,
            detail: "job \(job.id): \(job.rowsDone) rows in \(job.batches) batches")
    }

    /// One batch, retried after a lock timeout (55P03) or a statement timeout (57014, which also halves the size)
    /// with jittered backoff.
    private func batchWithRetry(
        job: JobRecord, definition: BackfillDefinition, sizer: inout BatchSizer, timeouts: BatchTimeouts, retry: RetryBackoff
    ) async throws(StrataError) -> BatchOutcome? {
        var attempt = 0
        while true {
            let limit = job.pace.fixedBatchSize ?? sizer.size
            do throws(StrataError) {
                return try await driver.runBatch(
                    job: job, definition: definition, after: job.checkpoint, limit: limit, timeouts: timeouts)
            } catch {
                let retriable = error.sqlState == "55P03" || error.sqlState == "57014"
                guard retriable, attempt < retry.retries, interruption?.isTriggered != true else {
                    if retriable {
                        var gaveUp = error
                        gaveUp.message += " (gave up after \(attempt + 1) attempts)"
                        gaveUp.code = .jobFailed
                        gaveUp.hint = gaveUp.hint ?? "every committed batch stays; rerun to continue, with a smaller --batch-time or a larger --lock-timeout"
                        throw gaveUp
                    }
                    throw error
                }
                attempt += 1
                if error.sqlState == "57014" { sizer.shrink() }
                let delay = retry.delay(beforeRetry: attempt, unitRandom: random())
                let reason = error.sqlState == "55P03" ? "lock timeout" : "statement timeout"
                logger.warning("backfill '\(job.name)': batch after key \(job.checkpoint ?? []) hit a \(reason); retry \(attempt) of \(retry.retries) in \(delay.wholeMilliseconds) ms")
                progress(.retrying(attempt: attempt, of: retry.retries, delay: delay, reason: reason))
                await sleeper(delay)
            }
        }
    }
}
