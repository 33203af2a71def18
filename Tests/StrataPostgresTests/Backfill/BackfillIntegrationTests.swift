import Foundation
import Logging
import PostgresNIO
import StrataCore
import StrataPostgres
import Testing

/// Backfills against a real PostgreSQL: a concurrent writer, a composite key, a process that dies.
@Suite struct BackfillIntegrationTests {
    /// Rows of the concurrent-writer test: 1,000,000 by default (about 12 s on a shared two-core machine);
    /// STRATA_BACKFILL_ROWS sets another size.
    static let rows = Int(ProcessInfo.processInfo.environment["STRATA_BACKFILL_ROWS"] ?? "") ?? 1_000_000

    func runner(_ session: DatabaseSession) -> BackfillRunner {
        var logger = Logger(label: "backfill-tests")
        logger.logLevel = .error
        return BackfillRunner(driver: PostgresBackfillDriver(session: session), logger: logger)
    }

    @Test func aBackfillUnderAConcurrentWriterLeavesEveryRowCorrectAndNeverBlocksTheWriterLong() async throws {
        let fixture = try await MigrationFixture.make()
        let rows = Self.rows
        try await fixture.execute("""
            CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, updated_at timestamptz,
                hits integer NOT NULL DEFAULT 0)
            """)
        try await fixture.execute("""
            INSERT INTO events (id, created_at) SELECT n, timestamptz '2026-01-01' + n * interval '1 second'
            FROM generate_series(1, \(rows)) AS n
            """)
        try await fixture.execute("ANALYZE events")
        let definition = try BackfillDefinition.inline(
            table: "events", set: "updated_at = created_at", where: "updated_at IS NULL", name: "fill_updated_at")
        let backfillSession = try await fixture.session()
        let writerSession = try await fixture.session()
        let stop = StopFlag()
        // The writer: increments `hits` of random existing rows and inserts new rows (already filled, as the app
        // would), timing every statement.
        let writer = Task { () throws -> (updates: Int, inserts: Int, longest: Duration) in
            var updates = 0
            var inserts = 0
            var longest: Duration = .zero
            var nextID = Int64(rows) + 1
            let clock = ContinuousClock()
            while !stop.isSet {
                let id = Int64.random(in: 1...Int64(rows))
                let started = clock.now
                if updates % 5 == 4 {
                    try await writerSession.run(
                        "INSERT INTO events (id, created_at, updated_at) VALUES (\(nextID), now(), now())")
                    nextID += 1
                    inserts += 1
                } else {
                    try await writerSession.run("UPDATE events SET hits = hits + 1 WHERE id = \(id)")
                }
                updates += 1
                longest = max(longest, clock.now - started)
            }
            return (updates - inserts, inserts, longest)
        }
        let outcome: BackfillOutcome
        do {
            outcome = try await runner(backfillSession).run(definition)
        } catch {
            stop.set()
            _ = try? await writer.value
            throw error
        }
        stop.set()
        let written = try await writer.value
        await backfillSession.close()
        await writerSession.close()

        #expect(outcome.result == .finished)
        // The walk covers the keys that existed when it started (the writer may have inserted a few before).
        let upper = try #require(outcome.job.upperKey?.first.flatMap { Int64($0) })
        #expect(upper >= Int64(rows))
        #expect(outcome.job.rowsDone == upper)
        #expect(try await fixture.strings("SELECT count(*)::text FROM events WHERE updated_at IS NULL OR (id <= \(rows) AND updated_at <> created_at)") == ["0"])
        // Every increment of the writer survived the backfill.
        #expect(try await fixture.strings("SELECT sum(hits)::text FROM events") == [String(written.updates)])
        // The batches chain exactly: each starts after the previous one's last key, and they cover every row once.
        let chain = try await fixture.strings("""
            SELECT count(*)::text || ' ' || sum(rows)::text || ' '
                || count(*) FILTER (WHERE after_key IS DISTINCT FROM previous)::text
            FROM (SELECT rows, after_key, lag(last_key) OVER (ORDER BY batch) AS previous FROM strata.job_batches) AS b
            """)
        let parts = chain.first?.split(separator: " ").map(String.init) ?? []
        #expect(parts.count == 3)
        #expect(parts.dropFirst().first == String(upper))
        #expect(parts.last == "0")
        let longestBatch = try await fixture.strings("SELECT max(duration_ms)::text FROM strata.job_batches")
        print("backfill of \(rows) rows: \(outcome.job.batches) batches in \(outcome.elapsed), longest batch \(longestBatch.first ?? "?") ms; writer: \(written.updates) updates, \(written.inserts) inserts, longest wait \(written.longest)")
        // No writer statement waited for more than a small part of the backfill (a batch holds its row locks for
        // about 200 ms; a loaded CI machine stretches every statement, so the bound is loose: a backfill that held
        // its locks for the whole walk would fail it).
        #expect(written.longest < .seconds(5))
        #expect(written.longest < outcome.elapsed / 2)
        #expect(written.updates > 0)
        #expect(try await fixture.strings("SELECT state FROM strata.jobs") == ["done"])
        #expect(try await fixture.strings("SELECT outcome FROM strata.events WHERE action = 'backfill' ORDER BY id") == ["started", "done"])
    }

    @Test func aCompositeTextKeyIsWalkedInBatchesAndAFinishedJobReportsDone() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute("CREATE TABLE \"Items\" (tenant integer, code text, total integer, PRIMARY KEY (tenant, code))")
        try await fixture.execute("""
            INSERT INTO "Items" (tenant, code) SELECT t, 'c-' || n || ' é''"' FROM generate_series(1, 7) t, generate_series(1, 700) n
            """)
        let definition = try BackfillDefinition.inline(table: "Items", set: "total = tenant * 10", where: nil, name: "items_total")
        let session = try await fixture.session()
        let outcome = try await runner(session).run(definition, options: BackfillOptions(fixedBatchSize: 333))
        #expect(outcome.result == .finished)
        #expect(outcome.job.rowsDone == 4_900)
        #expect(outcome.job.batches == 15)
        let again = try await runner(session).run(definition)
        #expect(again.result == .alreadyDone)
        await session.close()
        #expect(try await fixture.strings("SELECT count(*)::text FROM \"Items\" WHERE total IS DISTINCT FROM tenant * 10") == ["0"])
        #expect(try await fixture.strings("SELECT count(DISTINCT last_key)::text FROM strata.job_batches") == ["15"])
    }

    @Test func aJobWhoseSessionDiedShowsInterruptedAndResumesWithoutRepeatingABatch() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute("CREATE TABLE t (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0)")
        try await fixture.execute("INSERT INTO t (id) SELECT generate_series(1, 10000)")
        let definition = try BackfillDefinition.inline(table: "t", set: "n = n + 1", where: nil, name: "bump")
        // A first process: three batches, then it "dies" (its connection closes without a word).
        let first = try await fixture.session()
        let interruption = MigrationInterruption()
        var logger = Logger(label: "backfill-tests")
        logger.logLevel = .critical
        let counter = StopFlag()
        let dying = BackfillRunner(
            driver: PostgresBackfillDriver(session: first), logger: logger, interruption: interruption,
            progress: { event in
                if case .batch(let status) = event, status.batches == 3 { counter.set() }
            })
        let jobs = JobsTable()
        let running = Task { try await dying.run(definition, options: BackfillOptions(fixedBatchSize: 1_000, sleep: .milliseconds(300))) }
        while !counter.isSet { try await Task.sleep(for: .milliseconds(20)) }
        let observer = try await fixture.session()
        #expect(try await jobs.list(in: observer).map(\.state) == [.running])
        // While the first process holds the job, a second one is refused.
        await #expect(throws: StrataError.self) { _ = try await runner(observer).run(definition) }
        await first.close()
        _ = try? await running.value
        // The server ends the dead session (and its advisory lock) a moment after the connection closes.
        var states: [JobRecord.State] = []
        for _ in 0..<100 {
            states = try await jobs.list(in: observer).map(\.state)
            if states == [.interrupted] { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(states == [.interrupted])
        let resumed = try await runner(observer).resume(jobID: 1)
        #expect(resumed.result == .finished)
        #expect(resumed.job.rowsDone == 10_000)
        await observer.close()
        // Every row was bumped exactly once: no batch ran twice.
        #expect(try await fixture.strings("SELECT count(*)::text FROM t WHERE n <> 1") == ["0"])
        #expect(try await fixture.strings("SELECT count(*)::text || '/' || sum(rows)::text FROM strata.job_batches") == ["10/10000"])
    }
}

/// A flag set once, read from other tasks.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// `-- strata:backfill NAME` as the last step of a no-transaction migration.
@Suite struct BackfillStepTests {
    @Test func aNoTransactionMigrationRunsItsBackfillAndARerunFindsItDone() async throws {
        let fixture = try await MigrationFixture.make()
        let name = "step_fill_" + String(UInt32.random(in: 0...UInt32.max))
        let backfills = (fixture.folder as NSString).deletingLastPathComponent + "/backfills"
        try FileManager.default.createDirectory(atPath: backfills, withIntermediateDirectories: true)
        try "-- strata:batch-size 300\nUPDATE items SET filled = id * 2 WHERE filled IS NULL;\n"
            .write(toFile: backfills + "/\(name).sql", atomically: true, encoding: .utf8)
        try fixture.write("1_items.sql", "CREATE TABLE items (id integer PRIMARY KEY, filled integer);\nINSERT INTO items (id) SELECT generate_series(1, 1000);")
        try fixture.write("2_fill.sql", "-- strata:no-transaction\n-- strata:backfill \(name)\n-- strata:up\nCREATE INDEX CONCURRENTLY items_filled ON items (filled);\n-- strata:down\nDROP INDEX CONCURRENTLY items_filled;\n")
        let summary = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(summary.done.map(\.rawValue) == ["1", "2"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM items WHERE filled IS DISTINCT FROM id * 2") == ["0"])
        #expect(try await fixture.strings("SELECT state || ' ' || batches FROM strata.jobs") == ["done 4"])
        try fixture.write("3_bad.sql", "-- strata:backfill \(name)\nSELECT 1;\n")
        #expect(throws: StrataError.self) { _ = try fixture.migrations() }
    }
}
