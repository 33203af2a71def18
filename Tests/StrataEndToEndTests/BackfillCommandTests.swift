import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `strata backfill` and `strata jobs` as a user runs them: kill -9 in the middle, then resume; exit codes.
@Suite struct BackfillCommandTests {
    /// Polls until `sql` returns a non-zero count (errors, such as a table not created yet, count as no), at most 30 s.
    static func waitFor(_ database: ProductionDatabase, _ sql: String) async -> Bool {
        for _ in 0..<300 {
            if let count = try? await database.integer(sql), count > 0 { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    func project() throws -> ProjectFolder {
        let project = try ProjectFolder()
        try project.write(
            "db/backfills/bump.sql",
            """
            -- strata:batch-size 1000
            -- strata:sleep 300ms
            UPDATE items SET n = n + 1, touched = true;
            """)
        return project
    }

    @Test func killNineMidBackfillThenResumeTouchesEveryRowOnceAndNoBatchTwice() async throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("backfill_kill_")
        try await database.withSession { session in
            try await session.run("CREATE TABLE items (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0, touched boolean NOT NULL DEFAULT false)")
            try await session.run("INSERT INTO items (id) SELECT generate_series(1, 100000)")
        }
        let victim = try StrataProcess.start(["backfill", "bump", "--database-url", database.url], in: project.path)
        defer { victim.stop() }
        #expect(await Self.waitFor(database, "SELECT (count(*) >= 5)::int::bigint FROM strata.job_batches"))
        victim.send(SIGKILL)
        _ = await victim.finish(within: .seconds(5))
        #expect(try await database.waitUntil("""
            SELECT (count(*) = 0)::int::bigint FROM pg_locks WHERE locktype = 'advisory' AND classid = 1398034506::oid
            """))
        let listed = try StrataBinary.run(["jobs", "--json", "--database-url", database.url], in: project.path)
        #expect(listed.status == 0)
        #expect(listed.standardOutput.contains("\"state\":\"interrupted\""))
        let batchesBefore = try await database.integer("SELECT count(*) FROM strata.job_batches")
        #expect(batchesBefore < 100)

        let resumed = try StrataBinary.run(["backfill", "bump", "--sleep", "0", "--database-url", database.url], in: project.path)
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.standardOutput.contains("resuming job 1"))
        #expect(resumed.standardOutput.contains("done, 100,000 rows"))
        #expect(try await database.integer("SELECT count(*) FROM items WHERE n <> 1 OR NOT touched") == 0)
        #expect(try await database.integer("SELECT count(*) FROM strata.job_batches") == 100)
        #expect(try await database.integer("""
            SELECT count(*) FROM (SELECT after_key, lag(last_key) OVER (ORDER BY batch) AS previous FROM strata.job_batches) b
            WHERE after_key IS DISTINCT FROM previous
            """) == 0)

        let again = try StrataBinary.run(["backfill", "bump", "--database-url", database.url], in: project.path)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("already done"))
        let shown = try StrataBinary.run(["jobs", "show", "1", "--json", "--database-url", database.url], in: project.path)
        #expect(shown.standardOutput.contains("\"state\":\"done\""))
        #expect(shown.standardOutput.contains("\"rows_done\":100000"))
        let pause = try StrataBinary.run(["jobs", "pause", "1", "--database-url", database.url], in: project.path)
        #expect(pause.status == 1)
        #expect(pause.standardError.contains("job 1 is done"))
    }

    /// Under a loaded machine starting a process takes seconds, so this backfill is slow on purpose (80 batches of
    /// 500 rows, 200 ms apart) and `jobs set` keeps it slow until the pause has landed.
    @Test func pauseSetAndResumeFromAnotherProcess() async throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.write(
            "db/backfills/slow.sql",
            """
            -- strata:batch-size 500
            -- strata:sleep 200ms
            UPDATE items SET n = n + 1;
            """)
        let database = try await ProductionDatabase.make("backfill_pause_")
        try await database.withSession { session in
            try await session.run("CREATE TABLE items (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0, touched boolean NOT NULL DEFAULT false)")
            try await session.run("INSERT INTO items (id) SELECT generate_series(1, 40000)")
        }
        let runner = try StrataProcess.start(["backfill", "slow", "--database-url", database.url], in: project.path)
        defer { runner.stop() }
        #expect(await Self.waitFor(database, "SELECT (count(*) >= 2)::int::bigint FROM strata.job_batches"))
        let set = try StrataBinary.run(["jobs", "set", "1", "--sleep", "250ms", "--database-url", database.url], in: project.path)
        #expect(set.status == 0, "\(set.output)")
        let pause = try StrataBinary.run(["jobs", "pause", "1", "--database-url", database.url], in: project.path)
        #expect(pause.standardOutput.contains("will pause after its current batch"), "\(pause.output)")
        let (outcome, timedOut) = await runner.finish(within: .seconds(60))
        #expect(!timedOut)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("paused after"), "\(outcome.output)")
        #expect(try await database.texts("SELECT state FROM strata.jobs") == ["paused"])
        #expect(try await database.integer("SELECT count(*) FROM items WHERE n = 0") > 0)
        let faster = try StrataBinary.run(["jobs", "set", "1", "--sleep", "0", "--database-url", database.url], in: project.path)
        #expect(faster.status == 0, "\(faster.output)")
        let resumed = try StrataBinary.run(["jobs", "resume", "1", "--database-url", database.url], in: project.path)
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(try await database.integer("SELECT count(*) FROM items WHERE n <> 1") == 0)
    }

    @Test func usageErrorsExitTwo() async throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("backfill_usage_")
        try await database.withSession { session in
            try await session.run("CREATE TABLE nokey (a integer)")
        }
        let url = database.url
        let noName = try StrataBinary.run(["backfill", "--database-url", url], in: project.path)
        #expect(noName.status == 2)
        let missing = try StrataBinary.run(["backfill", "nope", "--database-url", url], in: project.path)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("db/backfills/nope.sql does not exist"))
        let noKey = try StrataBinary.run(["backfill", "--table", "nokey", "--set", "a = 1", "--database-url", url], in: project.path)
        #expect(noKey.status == 2)
        #expect(noKey.standardError.contains("has no primary key"))
        try project.write("db/backfills/bad.sql", "DELETE FROM nokey;")
        let bad = try StrataBinary.run(["backfill", "bad", "--database-url", url], in: project.path)
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("bad.sql:1:1"))
        let noJob = try StrataBinary.run(["jobs", "show", "42", "--database-url", url], in: project.path)
        #expect(noJob.status == 2)
        let dry = try StrataBinary.run(["backfill", "--table", "items", "--set", "n = 1", "--dry-run", "--database-url", url], in: project.path)
        #expect(dry.status == 2)  // no table items here
    }
}
