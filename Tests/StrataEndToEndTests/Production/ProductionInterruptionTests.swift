import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A migrating process that dies (`kill -9`) or is asked to stop (SIGTERM, SIGINT) in the middle of a long
/// transactional migration: the database keeps the files before it, loses the interrupted one, and a rerun
/// finishes the job.
@Suite struct ProductionInterruptionTests {
    /// `1_a`, `2_b`, `3_slow` (creates `slow`, then sleeps `seconds`), `4_d`.
    func project(sleeping seconds: Int) throws -> ProjectFolder {
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n")
        try project.write("db/migrations/2_b.sql", "CREATE TABLE b (id int);\n")
        try project.write("db/migrations/3_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(\(seconds));\n")
        try project.write("db/migrations/4_d.sql", "CREATE TABLE d (id int);\n")
        return project
    }

    @Test func killNineMidMigrationRollsBackAndARerunAppliesItOnce() async throws {
        let database = try await ProductionDatabase.make("kill9")
        let project = try project(sleeping: 60)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let victim = try StrataProcess.start(["migrate", "--database-url", database.url], in: project.path)
        defer { victim.stop() }
        #expect(try await database.waitForRunningStatement(containing: "pg_sleep"), "the slow migration never started")
        victim.send(SIGKILL)
        let (killed, _) = await victim.finish(within: .seconds(5))
        #expect(killed.status == 128 + SIGKILL)

        // What a user sees right after the crash: the files before it applied, the slow one not.
        #expect(try await database.exists("a"))
        #expect(try await database.exists("b"))
        #expect(try await !database.exists("slow"))
        #expect(try await database.appliedVersions() == ["1", "2"])

        // The server notices the dead client (client_connection_check_interval = 1s), rolls back and frees the
        // lock, so the rerun does not wait for the 60 s sleep to end — only for the slow file's own sleep.
        try project.write("db/migrations/3_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.1);\n")
        // The file changed on disk but was never applied, so no checksum can disagree.
        let clock = ContinuousClock()
        let start = clock.now
        let rerun = try StrataProcess.start(["migrate", "--database-url", database.url], in: project.path)
        defer { rerun.stop() }
        let (outcome, timedOut) = await rerun.finish(within: .seconds(30))
        #expect(!timedOut, "the rerun did not finish within 30 s (lock still held by the dead client?)")
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(clock.now - start < .seconds(20), "the rerun waited \(clock.now - start) for the dead client's lock")
        #expect(try await database.appliedVersions() == ["1", "2", "3", "4"])
        #expect(try await database.integer("SELECT count(*) FROM strata.schema_history WHERE version = '3'") == 1)
        #expect(try await database.exists("slow"))
        #expect(try await database.exists("d"))
        #expect(try await database.advisoryLockCount() == 0)
    }

    @Test(arguments: [("SIGTERM", SIGTERM), ("SIGINT", SIGINT)])
    func signalMidMigrationCancelsRollsBackAndExits130(name: String, number: Int32) async throws {
        let database = try await ProductionDatabase.make("signal_" + name.lowercased())
        let project = try project(sleeping: 60)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let process = try StrataProcess.start(["migrate", "--database-url", database.url], in: project.path)
        defer { process.stop() }
        #expect(try await database.waitForRunningStatement(containing: "pg_sleep"), "the slow migration never started")
        let clock = ContinuousClock()
        let signalled = clock.now
        process.send(number)
        let (outcome, timedOut) = await process.finish(within: .seconds(15))
        let took = clock.now - signalled
        #expect(!timedOut, "strata did not stop within 15 s of \(name): \(outcome.output)")
        #expect(outcome.status == 130, "\(outcome.output)")
        // The file sleeps 60 s: stopping well before that proves the statement was cancelled, not waited for. The
        // bound leaves room for a CI machine running the whole suite at once (6.6 s was seen there once; ~0.6 s idle).
        #expect(took < .seconds(12), "stopping took \(took)")

        let summaries = outcome.standardError.split(separator: "\n").filter { $0.contains("interrupted (\(name))") }
        #expect(summaries.count == 1, "\(outcome.standardError)")
        let summary = String(summaries.first ?? "")
        #expect(summary.hasPrefix("error: interrupted (\(name)): "), "\(summary)")
        #expect(summary.contains("applied 1, 2"), "\(summary)")
        #expect(summary.contains("3 slow was rolled back"), "\(summary)")
        #expect(summary.contains("not run: 4"), "\(summary)")

        // The statement was cancelled on the server, not left sleeping.
        #expect(
            try await database.integer(
                """
                SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database.settings.database)'
                  AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()
                """) == 0)
        #expect(try await database.appliedVersions() == ["1", "2"])
        #expect(try await database.exists("a"))
        #expect(try await database.exists("b"))
        #expect(try await !database.exists("slow"))
        #expect(try await !database.exists("d"))
        #expect(try await database.advisoryLockCount() == 0)

        try project.write("db/migrations/3_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.1);\n")
        let rerun = try StrataProcess.start(["migrate", "--database-url", database.url], in: project.path)
        defer { rerun.stop() }
        let (again, rerunTimedOut) = await rerun.finish(within: .seconds(30))
        #expect(!rerunTimedOut)
        #expect(again.status == 0, "\(again.output)")
        #expect(try await database.appliedVersions() == ["1", "2", "3", "4"])
    }
}
