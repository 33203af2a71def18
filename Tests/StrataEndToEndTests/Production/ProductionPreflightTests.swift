import Foundation
import StrataCore
import StrataPostgres
import Testing

/// Issue 17 through the built binary: `strata plan`, the preflight at the start of `migrate`, and `strata lint`
/// weighed by the catalog.
@Suite(.serialized) struct ProductionPreflightTests {
    func run(_ arguments: [String], in project: ProjectFolder, within limit: Duration = .seconds(60)) async throws
        -> StrataProcess.Outcome
    {
        let process = try StrataProcess.start(arguments, in: project.path)
        defer { process.stop() }
        return await process.finish(within: limit).outcome
    }

    /// A project whose first migration (applied) makes `accounts` with 10,000 rows.
    func applied(_ database: ProductionDatabase) async throws -> ProjectFolder {
        let project = try ProjectFolder()
        try project.write(
            "db/migrations/1_accounts.sql",
            """
            CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL DEFAULT 0);
            INSERT INTO accounts (id) SELECT g FROM generate_series(1, 10000) g;
            """)
        let migrate = try await run(["migrate", "--database-url", database.url], in: project)
        #expect(migrate.status == 0, "\(migrate.standardError)")
        try await database.withSession { session in _ = try await session.run("ANALYZE accounts") }
        return project
    }

    @Test func planFlagsATypeChangeAsARewriteWithTheTableSizeAndNotANewTable() async throws {
        let database = try await ProductionDatabase.make("plan")
        let project = try await applied(database)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.write("db/migrations/2_widen.sql", "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n")
        try project.write("db/migrations/3_ledger.sql", "CREATE TABLE ledger (id bigint, account_id int);\n")
        try project.write("db/migrations/4_ledger_index.sql", "CREATE INDEX ledger_account ON ledger (account_id);\n")

        let json = try await run(["plan", "--json", "--database-url", database.url], in: project)
        #expect(json.status == 0, "\(json.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let migrations = object?["migrations"] as? [[String: Any]] ?? []
        #expect(migrations.map { $0["version"] as? String } == ["2", "3", "4"])
        let widen = (migrations.first?["statements"] as? [[String: Any]])?.first
        let table = (widen?["tables"] as? [[String: Any]])?.first
        let touch = table?["touch"] as? [String: Any]
        let facts = table?["facts"] as? [String: Any]
        #expect(touch?["work"] as? String == "rewrite")
        #expect(touch?["lock"] as? String == "ACCESS EXCLUSIVE")
        #expect(facts?["rows"] as? Int == 10000)
        #expect((facts?["total_bytes"] as? Int ?? 0) > 300_000)
        let index = migrations.last
        #expect(index?["verdict"] as? String == "safe")
        let indexTouch = ((index?["statements"] as? [[String: Any]])?.first?["tables"] as? [[String: Any]])?.first?["touch"]
        #expect((indexTouch as? [String: Any])?["is_new"] as? Bool == true)

        let text = try await run(["plan", "--database-url", database.url], in: project)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("throughput assumed"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("ACCESS EXCLUSIVE  rewrite"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("10,000"), "\(text.standardOutput)")

        // Lint with the database: the index on the table made earlier in the folder is a note, not an error.
        let lint = try await run(["lint", "--database-url", database.url], in: project)
        #expect(lint.standardOutput.contains("note[require-concurrent-index-creation]"), "\(lint.standardOutput)")
        #expect(lint.standardOutput.contains("created earlier in this folder"), "\(lint.standardOutput)")
        #expect(lint.standardOutput.contains("(table public.accounts: "), "\(lint.standardOutput)")
        // Offline, the same file is an error as before.
        let offline = try await run(["lint", "db/migrations/4_ledger_index.sql"], in: project)
        #expect(offline.status == 6)
        #expect(offline.standardOutput.contains("error[require-concurrent-index-creation]"))
    }

    /// An idle transaction holds a row lock on `accounts`; a pending `ALTER TABLE accounts` would queue behind it
    /// (ACCESS EXCLUSIVE) and every reader would queue behind the ALTER. `migrate` waits without queueing, so a
    /// reader stays fast; without the preflight (a bare ALTER with a lock_timeout) the reader stalls: measured.
    @Test func migrateDoesNotQueueBehindAnIdleTransaction() async throws {
        let database = try await ProductionDatabase.make("preflight")
        let project = try await applied(database)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.write("db/migrations/2_note.sql", "ALTER TABLE accounts ADD COLUMN note text;\n")

        try await database.withSession { blocker in
            let pid = try await blocker.backendProcessID()
            _ = try await blocker.run("SET application_name = 'billing-worker'")
            _ = try await blocker.run("BEGIN")
            _ = try await blocker.run("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE")

            // migrate waits up to 3 s, then refuses naming the session; meanwhile a reader polls.
            let started = try StrataProcess.start(
                ["migrate", "--lock-wait", "3s", "--database-url", database.url], in: project.path)
            defer { started.stop() }
            let slowest = try await Self.slowestRead(database, for: .milliseconds(2500))
            let outcome = await started.finish(within: .seconds(30)).outcome
            #expect(outcome.status == 5, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("pid \(pid) (billing-worker, idle in transaction"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("waiting up to 3 s"), "\(outcome.standardError)")
            #expect(try await database.appliedVersions() == ["1"])
            print("preflight: slowest read while migrate waited: \(slowest.slowest), lock requests queued: \(slowest.queued)")
            // Nothing queued on the table (a queued ACCESS EXCLUSIVE request is what stalls readers), and no reader
            // stalled like the control's (on a loaded CI machine a read still takes up to a second or so).
            #expect(slowest.queued == 0, "migrate queued a lock request on accounts")
            #expect(slowest.slowest < .seconds(5), "a reader was blocked for \(slowest.slowest)")

            // The control: an ALTER that queues (lock_timeout 1.5 s) stalls the same reader.
            // The control: a bare ALTER (lock_timeout 5 s) queues behind the idle transaction, and a reader queues
            // behind the ALTER. Both connections are open before the ALTER starts, and the reader polls until it sees
            // the queued request, so a loaded machine (a starved task, a slow connect) cannot hide the queue.
            let stalled = try await database.withSession { alter in
                try await database.withSession { reader in
                    _ = try await alter.run("SET lock_timeout = '5s'")
                    let queuedALTER = Task { _ = try? await alter.run("ALTER TABLE accounts ADD COLUMN other text") }
                    var queued: Int64 = 0
                    for _ in 0..<100 where queued == 0 {
                        let rows = try await reader.run(
                            "SELECT count(*) FROM pg_locks WHERE relation = 'accounts'::regclass AND NOT granted")
                        queued = (try? rows.first?.decode(Int64.self)) ?? 0
                        if queued == 0 { try await Task.sleep(for: .milliseconds(20)) }
                    }
                    let clock = ContinuousClock()
                    let start = clock.now
                    _ = try await reader.run("SELECT count(*) FROM accounts")
                    let read = clock.now - start
                    await queuedALTER.value
                    return (slowest: read, queued: queued)
                }
            }
            print("preflight: a read while a bare ALTER queued: \(stalled.slowest), lock requests queued: \(stalled.queued)")
            #expect(stalled.queued >= 1, "the control's ALTER did not queue")
            #expect(stalled.slowest > .milliseconds(800), "the control did not stall the reader: \(stalled.slowest)")

            // With a longer wait, migrate runs once the idle transaction ends.
            let waiting = try StrataProcess.start(
                ["migrate", "--lock-wait", "20s", "--database-url", database.url], in: project.path)
            defer { waiting.stop() }
            try await Task.sleep(for: .seconds(1))
            _ = try await blocker.run("COMMIT")
            let done = await waiting.finish(within: .seconds(30)).outcome
            #expect(done.status == 0, "\(done.standardError)")
            #expect(try await database.appliedVersions() == ["1", "2"])
        }
    }

    @Test func maxLockTimeRefusesALongRewrite() async throws {
        let database = try await ProductionDatabase.make("maxlock")
        let project = try await applied(database)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.write("db/migrations/2_widen.sql", "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n")
        // At the assumed 25 MB/s a 10,000-row rewrite takes a few milliseconds: 1 ms is exceeded.
        let refused = try await run(["migrate", "--max-lock-time", "1ms", "--database-url", database.url], in: project)
        #expect(refused.status == 2, "\(refused.standardError)")
        #expect(refused.standardError.contains("exceeds --max-lock-time"), "\(refused.standardError)")
        #expect(try await database.appliedVersions() == ["1"])
        try project.write("strata.toml", "max_lock_time = \"10s\"\n")
        let allowed = try await run(["migrate", "--database-url", database.url], in: project)
        #expect(allowed.status == 0, "\(allowed.standardError)")
    }

    @Test func calibrateMeasuresOnceAndIsCachedPerServer() async throws {
        let database = try await ProductionDatabase.make("calibrate")
        let project = try await applied(database)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let calibrated = try await run(["plan", "--calibrate", "--json", "--database-url", database.url], in: project)
        #expect(calibrated.status == 0, "\(calibrated.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(calibrated.standardOutput.utf8)) as? [String: Any]
        let throughput = object?["throughput"] as? [String: Any]
        #expect(throughput?["measured_at"] is String)
        #expect((throughput?["scan_bytes_per_second"] as? Double ?? 0) > 0)
        let cached = try FileManager.default.contentsOfDirectory(atPath: project.path + "/.strata/calibration")
        #expect(cached.count == 1 && cached.first?.hasSuffix(".json") == true, "\(cached)")
        #expect(try await database.integer("SELECT count(*) FROM pg_class WHERE relname LIKE 'strata_calibration_%'") == 0)
        // The next plan uses the cached numbers.
        let next = try await run(["plan", "--database-url", database.url], in: project)
        #expect(next.standardOutput.hasPrefix("throughput measured on this server at "), "\(next.standardOutput)")
    }

    /// The longest a `SELECT count(*) FROM accounts` took, polling for `duration`.
    /// The slowest `SELECT count(*) FROM accounts` over `duration`, and the most lock requests seen queued (not
    /// granted) on `accounts` meanwhile: a queue is what stalls readers, whatever the machine's load.
    static func slowestRead(
        _ database: ProductionDatabase, for duration: Duration, after delay: Duration = .zero
    ) async throws -> (slowest: Duration, queued: Int64) {
        try await database.withSession { reader in try await slowestRead(on: reader, for: duration, after: delay) }
    }

    /// ``slowestRead(_:for:after:)`` on a session already open.
    static func slowestRead(
        on reader: DatabaseSession, for duration: Duration, after delay: Duration = .zero
    ) async throws -> (slowest: Duration, queued: Int64) {
        try await Task.sleep(for: delay)
        do {
            let clock = ContinuousClock()
            let end = clock.now + duration
            var slowest = Duration.zero
            var queued: Int64 = 0
            while clock.now < end {
                let waiting = try await reader.run(
                    "SELECT count(*) FROM pg_locks WHERE relation = 'accounts'::regclass AND NOT granted")
                queued = max(queued, (try? waiting.first?.decode(Int64.self)) ?? 0)
                let start = clock.now
                _ = try await reader.run("SELECT count(*) FROM accounts")
                slowest = max(slowest, clock.now - start)
                try await Task.sleep(for: .milliseconds(50))
            }
            return (slowest, queued)
        }
    }
}
