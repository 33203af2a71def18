import Foundation
import PostgresNIO
import StrataCore
@testable import StrataPostgres
import StrataSQL
import Testing

/// Issue 3 against a real PostgreSQL, in process: lock-timeout retries that name the blocker, interruption,
/// the lease lock, INVALID index rebuilds, baseline and repair.
@Suite struct ProductionSafetyTests {
    static let quickRetries = RetryBackoff(retries: 2, initialDelay: .milliseconds(100), maximumDelay: .milliseconds(200))

    @Test func lockTimeoutIsRetriedThenFailsNamingTheBlocker() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_busy.sql", "CREATE TABLE busy (id int);")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        try fixture.write("2_alter.sql", "ALTER TABLE busy ADD COLUMN n int;")
        let blocker = try await fixture.session()
        let blockerPID = try await blocker.backendProcessID()
        try await blocker.run("BEGIN")
        try await blocker.run("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE")
        // 1.5 s per attempt: time for the observer to look up the blocker even when the whole suite loads the machine.
        let options = MigratorOptions(lockTimeout: TimeoutValue(milliseconds: 1500), lockRetry: Self.quickRetries)
        do {
            try await fixture.withMigrator(options) { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a lock timeout")
        } catch let error as StrataError {
            #expect(error.sqlState == "55P03")
            #expect(error.message.contains("gave up after 3 attempts"))
            #expect(error.detail?.contains("blocked by pid \(blockerPID)") == true)
            #expect(error.detail?.contains("LOCK TABLE busy") == true)
            #expect(error.hint?.contains("pg_terminate_backend") == true)
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM information_schema.columns WHERE table_name = 'busy'") == ["1"])
        let events = try await fixture.strings("SELECT outcome FROM strata.events WHERE version = '2' ORDER BY id")
        #expect(events == ["failed", "failed", "failed"])
        await blocker.rollbackQuietly()
        await blocker.close()
    }

    @Test func lockTimeoutRetrySucceedsWhenTheBlockerGoesInTime() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_busy.sql", "CREATE TABLE busy (id int);")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        try fixture.write("2_alter.sql", "ALTER TABLE busy ADD COLUMN n int;")
        let blocker = try await fixture.session()
        try await blocker.run("BEGIN")
        try await blocker.run("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE")
        let release = Task {
            try await Task.sleep(for: .milliseconds(700))
            await blocker.rollbackQuietly()
            await blocker.close()
        }
        let options = MigratorOptions(
            lockTimeout: TimeoutValue(milliseconds: 300),
            lockRetry: RetryBackoff(retries: 6, initialDelay: .milliseconds(200), maximumDelay: .milliseconds(400)))
        let summary = try await fixture.withMigrator(options) { try await $0.migrate(try fixture.migrations()) }
        try await release.value
        #expect(summary.done.map(\.rawValue) == ["2"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM information_schema.columns WHERE table_name = 'busy'") == ["2"])
    }

    @Test func interruptionCancelsTheRunningStatementAndRollsBack() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_first.sql", "CREATE TABLE first (id int);")
        try fixture.write("2_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(60);")
        try fixture.write("3_last.sql", "CREATE TABLE last (id int);")
        let interruption = MigrationInterruption()
        let database = fixture.settings.database
        let trigger = Task {
            // Interrupt once the slow statement runs (not after a fixed delay: a loaded machine may be slower).
            let watcher = try await fixture.session()
            defer { Task { await watcher.close() } }
            for _ in 0..<200 {
                let rows = try await watcher.run(
                    "SELECT count(*)::int FROM pg_stat_activity WHERE datname = \(database) AND query LIKE 'SELECT pg_sleep(60)%'")
                if try rows.first?.decode(Int32.self) == 1 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            interruption.trigger(reason: "SIGTERM")
            return ContinuousClock.now
        }
        do {
            try await fixture.withMigrator(MigratorOptions(interruption: interruption)) {
                try await $0.migrate(try fixture.migrations())
            }
            Issue.record("expected the run to be interrupted")
        } catch let error as StrataError {
            #expect(error.code == .interrupted)
            #expect(error.exitStatus == .interrupted)
            #expect(error.message == "interrupted (SIGTERM): applied 1; 2 slow was rolled back; not run: 3")
        }
        let triggeredAt = try await trigger.value
        // Cancelled on the server: the run did not sit out the 60-second statement.
        #expect(ContinuousClock.now - triggeredAt < .seconds(30))
        #expect(try await fixture.publicTables() == ["first"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()") == ["0"])
        let summary = try await fixture.withMigrator(MigratorOptions(statementTimeout: TimeoutValue(milliseconds: 100))) {
            try await $0.status(of: try fixture.migrations())
        }
        #expect(summary.map(\.state) == [.applied, .pending, .pending])
    }

    @Test func leaseLockExcludesNamesTheHolderAndExpires() async throws {
        let fixture = try await MigrationFixture.make()
        let first = try await fixture.session()
        let second = try await fixture.session()
        let holding = LeaseLock(schema: "strata", leaseDuration: .seconds(30))
        let holdingName = holding.holder
        try await holding.acquire(on: first, interruption: nil)
        let waiting = LeaseLock(schema: "strata", wait: .milliseconds(400))
        let refusal = await Self.failure { () throws(StrataError) in try await waiting.acquire(on: second, interruption: nil) }
        #expect(refusal?.code == .lockTimeout)
        #expect(refusal?.message.contains(holdingName) == true)
        await holding.release(on: first)
        try await waiting.acquire(on: second, interruption: nil)
        await waiting.release(on: second)
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.migration_lease") == ["0"])
        // A holder that died: its lease is not renewed and expires.
        try await first.run("""
            INSERT INTO strata.migration_lease VALUES ('migrate', 'dead-host pid 1 run 0', now(), now(), now() + interval '1 second')
            """)
        let clock = ContinuousClock()
        let start = clock.now
        let taker = LeaseLock(schema: "strata", wait: .seconds(10))
        let takerName = taker.holder
        try await taker.acquire(on: second, interruption: nil)
        #expect(clock.now - start >= .milliseconds(500))
        #expect(try await fixture.strings("SELECT holder FROM strata.migration_lease") == [takerName])
        // The fence: a holder whose lease was taken over stops instead of applying anything more.
        try await taker.fence(on: second)
        try await first.run("UPDATE strata.migration_lease SET holder = 'another-host pid 2 run 1'")
        let fenced = await Self.failure { () throws(StrataError) in try await taker.fence(on: second) }
        #expect(fenced?.code == .lockTimeout)
        #expect(fenced?.message.contains("another run took it over") == true)
        #expect(taker.lossReason() != nil)
        await taker.release(on: second)
        #expect(try await fixture.strings("SELECT holder FROM strata.migration_lease") == ["another-host pid 2 run 1"])
        await first.close()
        await second.close()
    }

    @Test func tableStrategyMigratorsApplyEachMigrationOnce() async throws {
        let fixture = try await MigrationFixture.make()
        for index in 1...15 {
            try fixture.write("\(index)_t.sql", "CREATE TABLE t\(index) (id int); INSERT INTO t\(index) VALUES (\(index));")
        }
        let migrations = try fixture.migrations()
        let options = MigratorOptions(lockStrategy: .table)
        try await withThrowingTaskGroup(of: MigrationRunSummary.self) { group in
            for _ in 0..<4 {
                group.addTask { try await fixture.withMigrator(options) { try await $0.migrate(migrations) } }
            }
            var applied = 0
            for try await summary in group { applied += summary.done.count }
            #expect(applied == 15)
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.schema_history") == ["15"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.migration_lease") == ["0"])
    }

    @Test func invalidIndexFromAFailedConcurrentBuildIsDroppedAndRebuilt() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_items.sql", "CREATE TABLE items (id int, code text); INSERT INTO items VALUES (1, 'a'), (2, 'a');")
        try fixture.write("2_index.sql", """
            -- strata:no-transaction
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_code ON public.items (code);
            """)
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a unique violation")
        } catch let error as StrataError {
            #expect(error.sqlState == "23505")
        }
        #expect(try await fixture.strings(
            "SELECT i.indisvalid::text FROM pg_index i WHERE i.indexrelid = 'items_code'::regclass") == ["false"])
        let session = try await fixture.session()
        try await session.run("DELETE FROM items WHERE id = 2")
        await session.close()
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(try await fixture.strings(
            "SELECT i.indisvalid::text FROM pg_index i WHERE i.indexrelid = 'items_code'::regclass") == ["true"])
        #expect(try await fixture.strings("SELECT state FROM strata.schema_history WHERE version = '2'") == ["applied"])
    }

    @Test func invalidIndexTargetIsReadFromTheStatement() throws {
        func target(_ sql: String) throws -> String? {
            guard let statement = try StatementSplitterShim.first(sql) else { return nil }
            return InvalidIndexRepair.target(of: statement).map { "\($0.index) ON \($0.table)" }
        }
        #expect(try target("CREATE INDEX CONCURRENTLY idx ON t (a)") == "idx ON t")
        #expect(try target("create unique index concurrently if not exists \"Idx\" on only s.\"T\" using btree (a)") == "\"Idx\" ON s.\"T\"")
        #expect(try target("CREATE INDEX CONCURRENTLY ON t (a)") == nil)
        #expect(try target("CREATE INDEX idx ON t (a)") == nil)
    }

    @Test func baselineMarksExistingSchemaAndMigrateRunsOnlyWhatIsNew() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_a.sql", "CREATE TABLE a (id int);")
        try fixture.write("2_b.sql", "CREATE TABLE b (id int);")
        try fixture.write("3_c.sql", "CREATE TABLE c (id int);")
        let session = try await fixture.session()
        try await session.run("CREATE TABLE a (id int)")
        try await session.run("CREATE TABLE b (id int)")
        await session.close()
        let marked = try await fixture.withMigrator { try await $0.baseline(try fixture.migrations(), at: MigrationVersion("2")!) }
        #expect(marked.map(\.rawValue) == ["1", "2"])
        #expect(try await fixture.strings("SELECT version || ':' || state FROM strata.schema_history ORDER BY version")
            == ["1:baseline", "2:baseline"])
        let summary = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(summary.done.map(\.rawValue) == ["3"])
        #expect(try await fixture.publicTables() == ["a", "b", "c"])
        do {
            try await fixture.withMigrator { try await $0.baseline(try fixture.migrations(), at: MigrationVersion("3")!) }
            Issue.record("expected baseline to refuse a database with history")
        } catch let error as StrataError {
            #expect(error.code == .usage)
            #expect(error.message.contains("already has Strata history"))
        }
    }

    @Test func repairRealignsAnEditedFileAndLogsTheEvent() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_a.sql", "CREATE TABLE a (id int);")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        try fixture.write("1_a.sql", "-- reviewed: comment added after the fact\nCREATE TABLE a (id int);")
        try fixture.write("2_b.sql", "CREATE TABLE b (id int);")
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a changed-file refusal")
        } catch let error as StrataError {
            #expect(error.code == .validation)
        }
        let actions = try await fixture.withMigrator { try await $0.repair(try fixture.migrations()) }
        #expect(actions.map(\.kind) == [.realignChecksum])
        let newChecksum = try fixture.migrations()[0].checksum
        #expect(try await fixture.strings("SELECT checksum FROM strata.schema_history WHERE version = '1'") == [newChecksum])
        #expect(try await fixture.strings("SELECT outcome FROM strata.events WHERE action = 'repair'") == ["checksum-realigned"])
        let summary = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(summary.done.map(\.rawValue) == ["2"])
        #expect(try await fixture.withMigrator { try await $0.repair(try fixture.migrations()) }.isEmpty)
    }

    @Test func partialNoTransactionFileFixedAndRepairedDoesNotRepeatItsFirstStatement() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_log.sql", "CREATE TABLE log (n int);")
        try fixture.write("2_steps.sql", """
            -- strata:no-transaction
            INSERT INTO log VALUES (1);
            INSERT INTO log VALUES (1 / 0);
            CREATE INDEX CONCURRENTLY log_n ON log (n);
            """)
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a division by zero")
        } catch let error as StrataError {
            #expect(error.sqlState == "22012")
            #expect(error.location?.line == 3)
        }
        let status = try await fixture.withMigrator { try await $0.status(of: try fixture.migrations()) }
        #expect(status.map(\.state) == [.applied, .partial])
        try fixture.write("2_steps.sql", """
            -- strata:no-transaction
            INSERT INTO log VALUES (1);
            INSERT INTO log VALUES (2);
            CREATE INDEX CONCURRENTLY log_n ON log (n);
            """)
        let actions = try await fixture.withMigrator { try await $0.repair(try fixture.migrations()) }
        #expect(actions.map(\.kind) == [.keepProgress])
        #expect(actions.first?.statementsRun == 1)
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(try await fixture.strings("SELECT n::text FROM log ORDER BY n") == ["1", "2"])
        #expect(try await fixture.strings("SELECT state || ':' || statements_run FROM strata.schema_history WHERE version = '2'")
            == ["applied:3"])
    }

    @Test func repairForgetsAndMarksAppliedOnRequest() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_steps.sql", "-- strata:no-transaction\nCREATE TABLE x (id int);\nSELECT 1 / 0;\n")
        _ = try? await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        do {
            try await fixture.withMigrator { try await $0.repair(try fixture.migrations(), forget: [MigrationVersion("9")!]) }
            Issue.record("expected an unknown version to be refused")
        } catch let error as StrataError {
            #expect(error.code == .usage)
        }
        _ = try await fixture.withMigrator { try await $0.repair(try fixture.migrations(), markApplied: [MigrationVersion("1")!]) }
        #expect(try await fixture.strings("SELECT state FROM strata.schema_history") == ["applied"])
        try fixture.write("2_more.sql", "-- strata:no-transaction\nSELECT 1 / 0;\n")
        _ = try? await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        _ = try await fixture.withMigrator { try await $0.repair(try fixture.migrations(), forget: [MigrationVersion("2")!]) }
        #expect(try await fixture.strings("SELECT version FROM strata.schema_history ORDER BY 1") == ["1"])
        #expect(try await fixture.strings("SELECT outcome FROM strata.events WHERE action = 'repair' ORDER BY id")
            == ["marked-applied", "forgotten"])
    }
}

extension ProductionSafetyTests {
    /// The error `body` throws, or `nil` when it succeeds.
    static func failure(_ body: () async throws(StrataError) -> Void) async -> StrataError? {
        do {
            try await body()
            return nil
        } catch {
            return error
        }
    }
}

/// The first statement of `sql`, split by the lexer.
enum StatementSplitterShim {
    static func first(_ sql: String) throws -> SQLStatement? { try StatementSplitter.split(sql).first }
}
