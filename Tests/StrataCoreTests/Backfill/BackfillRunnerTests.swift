import Foundation
import Logging
import Testing
@testable import StrataCore

/// The backfill policy against an in-memory table: batches, adaptive size, retries, pause, cancel, resume.
@Suite struct BackfillRunnerTests {
    let definition = BackfillDefinition(name: "fill", table: "events", setClause: "updated_at = created_at")

    func runner(_ driver: InMemoryBackfillDriver, interruption: MigrationInterruption? = nil) -> BackfillRunner {
        BackfillRunner(
            driver: driver, logger: Logger(label: "test"), interruption: interruption, sleeper: { _ in }, random: { 0.5 })
    }

    @Test func walksEveryKeyOnceInKeyRangeBatches() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...10_000)
        let outcome = try await runner(driver).run(definition, options: BackfillOptions(fixedBatchSize: 700))
        #expect(outcome.result == .finished)
        #expect(driver.touchCounts.allSatisfy { $0 == 1 })
        #expect(outcome.job.rowsDone == 10_000)
        #expect(driver.batchLog.count == 15)
        // Each batch starts after the previous one's last key: no overlap, no gap.
        for (previous, next) in zip(driver.batchLog, driver.batchLog.dropFirst()) { #expect(next.after == previous.last) }
        #expect(driver.jobs[1]?.state == .done)
        #expect(driver.events.last == "backfill fill done")
    }

    @Test func batchSizeAdaptsTowardTheTargetTime() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...200_000)
        driver.millisecondsPerRow = 0.01  // 20,000 rows would take 200 ms
        _ = try await runner(driver).run(definition)
        #expect(driver.limits.first == BatchSizer.initialSize)
        #expect(driver.limits.dropFirst(6).allSatisfy { (19_000...21_000).contains($0) })
        #expect(driver.touchCounts.allSatisfy { $0 == 1 })
    }

    @Test func sizerMovesAtMostByHalfOrDoubleAndHonoursAFixedSize() {
        var sizer = BatchSizer(target: .milliseconds(200), initial: 1_000)
        sizer.record(rows: 1_000, elapsed: .milliseconds(10))
        #expect(sizer.size == 2_000)
        sizer.record(rows: 2_000, elapsed: .milliseconds(4_000))
        #expect(sizer.size == 1_000)
        sizer.record(rows: 1_000, elapsed: .milliseconds(250))
        #expect(sizer.size == 800)
        var fixed = BatchSizer(target: .milliseconds(200), fixed: 50)
        fixed.record(rows: 50, elapsed: .milliseconds(1))
        #expect(fixed.size == 50)
    }

    @Test func lockTimeoutsAreRetriedWithBackoffThenGiveUp() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...100)
        driver.lockTimeouts = 2
        let retries = RetryLog()
        let runner = BackfillRunner(
            driver: driver, logger: Logger(label: "test"),
            progress: { if case .retrying(let attempt, _, _, _) = $0 { retries.add(attempt) } }, sleeper: { _ in },
            random: { 0.5 })
        let outcome = try await runner.run(definition)
        #expect(outcome.result == .finished)
        #expect(retries.values == [1, 2])
        #expect(driver.touchCounts.allSatisfy { $0 == 1 })

        let stuck = InMemoryBackfillDriver(keys: 1...100)
        stuck.lockTimeouts = 100
        do {
            _ = try await self.runner(stuck).run(definition, options: BackfillOptions(retry: RetryBackoff(retries: 2, initialDelay: .seconds(1), maximumDelay: .seconds(2))))
            Issue.record("expected the backfill to give up")
        } catch {
            #expect(error.code == .jobFailed)
            #expect(error.sqlState == "55P03")
            #expect(error.message.contains("gave up after 3 attempts"))
        }
        #expect(stuck.jobs[1]?.state == .failed)
    }

    @Test func aCrashedRunResumesAfterTheLastCommittedBatchAndNeverRepeatsOne() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...5_000)
        driver.crashAfterBatches = 3
        await #expect(throws: StrataError.self) {
            _ = try await runner(driver).run(definition, options: BackfillOptions(fixedBatchSize: 1_000))
        }
        driver.dropLocks()
        #expect(try await driver.latestJob(kind: .backfill, name: "fill")?.state == .failed)
        driver.crashAfterBatches = nil
        let outcome = try await runner(driver).run(definition, options: BackfillOptions(fixedBatchSize: 1_000))
        #expect(outcome.result == .finished)
        #expect(outcome.rowsThisRun == 2_000)
        #expect(driver.touchCounts.allSatisfy { $0 == 1 })
        #expect(driver.batchLog.map(\.last) == [1_000, 2_000, 3_000, 4_000, 5_000])
    }

    @Test func aJobWhoseProcessDiedShowsInterruptedAndResumesById() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...3_000)
        driver.heldElsewhere = [1]
        let job = try await driver.createJob(definition, table: try await driver.describe(definition, exactCount: false), pace: BackfillPace())
        // Held by another live process: busy.
        await #expect(throws: StrataError.self) { _ = try await runner(driver).resume(jobID: job.id) }
        driver.heldElsewhere = []
        #expect(try await driver.job(id: job.id)?.state == .interrupted)
        let outcome = try await runner(driver).resume(jobID: job.id)
        #expect(outcome.result == .finished)
        #expect(driver.touchCounts.allSatisfy { $0 == 1 })
    }

    @Test func pauseAndCancelStopAtABatchBoundary() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...10_000)
        driver.onBatch = { count in if count == 2 { driver.request(.pause, job: 1) } }
        let paused = try await runner(driver).run(definition, options: BackfillOptions(fixedBatchSize: 1_000))
        #expect(paused.result == .paused)
        #expect(paused.job.rowsDone == 2_000)
        #expect(driver.jobs[1]?.state == .paused)
        driver.onBatch = { count in if count == 4 { driver.request(.cancel, job: 1) } }
        let cancelled = try await runner(driver).resume(jobID: 1)
        #expect(cancelled.result == .cancelled)
        #expect(driver.jobs[1]?.state == .cancelled)
        #expect(driver.touchCounts.filter { $0 == 1 }.count == 4_000)
        #expect(driver.touchCounts.allSatisfy { $0 <= 1 })
        await #expect(throws: StrataError.self) { _ = try await runner(driver).resume(jobID: 1) }
    }

    @Test func paceChangesApplyAtTheNextBatch() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...10_000)
        driver.onBatch = { count in if count == 1 { driver.setPace(BackfillPace(fixedBatchSize: 250), job: 1) } }
        _ = try await runner(driver).run(definition, options: BackfillOptions(fixedBatchSize: 1_000))
        #expect(driver.limits.prefix(3) == [1_000, 250, 250])
    }

    @Test func rowsInsertedAfterTheStartAreLeftAlone() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...1_000)
        driver.onBatch = { _ in driver.insert(1_000 + driver.batchLog.count * 10) }
        let outcome = try await runner(driver).run(definition, options: BackfillOptions(fixedBatchSize: 100))
        #expect(outcome.result == .finished)
        #expect(outcome.job.rowsDone == 1_000)
        #expect(driver.batchLog.count == 10)
    }

    @Test func aFinishedBackfillReportsDoneUnlessAgain() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...100)
        _ = try await runner(driver).run(definition)
        let second = try await runner(driver).run(definition)
        #expect(second.result == .alreadyDone)
        #expect(driver.touchCounts.allSatisfy { $0 == 1 })
        let again = try await runner(driver).run(definition, options: BackfillOptions(again: true))
        #expect(again.result == .finished)
        #expect(again.job.id == 2)
        #expect(driver.touchCounts.allSatisfy { $0 == 2 })
    }

    @Test func aChangedStatementDoesNotResumeAnUnfinishedJob() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...100)
        driver.crashAfterBatches = 0
        await #expect(throws: StrataError.self) { _ = try await runner(driver).run(definition) }
        driver.crashAfterBatches = nil
        var changed = definition
        changed.setClause = "updated_at = now()"
        do {
            _ = try await runner(driver).run(changed)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .usage)
        }
    }

    @Test func anInterruptionStopsAtTheNextBatchBoundary() async throws {
        let driver = InMemoryBackfillDriver(keys: 1...10_000)
        let interruption = MigrationInterruption()
        driver.onBatch = { count in if count == 3 { interruption.trigger(reason: "SIGINT") } }
        do {
            _ = try await runner(driver, interruption: interruption).run(definition, options: BackfillOptions(fixedBatchSize: 1_000))
            Issue.record("expected an interruption")
        } catch {
            #expect(error.code == .interrupted)
        }
        #expect(driver.jobs[1]?.state == .interrupted)
        #expect(driver.jobs[1]?.rowsDone == 3_000)
    }
}

/// Collects retry attempts from a progress callback.
final class RetryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var attempts: [Int] = []
    func add(_ attempt: Int) { lock.withLock { attempts.append(attempt) } }
    var values: [Int] { lock.withLock { attempts } }
}
