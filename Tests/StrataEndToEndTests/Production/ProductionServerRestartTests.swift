import Foundation
import Testing

/// The server restarts (`pg_ctl restart -m fast`, as a failover or a maintenance restart does) while a migration
/// runs: strata stops with a connection error, nothing half-done is recorded, and a rerun finishes the job.
@Suite struct ProductionServerRestartTests {
    @Test func restartMidRunFailsWithAConnectionErrorAndARerunFinishes() async throws {
        try await withDedicatedPostgres { server in
            let database = try await server.database("restart")
            let project = try ProjectFolder()
            defer { try? FileManager.default.removeItem(atPath: project.path) }
            try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n")
            try project.write("db/migrations/2_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(60);\n")
            try project.write("db/migrations/3_c.sql", "CREATE TABLE c (id int);\n")

            let process = try StrataProcess.start(["migrate", "--database-url", database.url], in: project.path)
            defer { process.stop() }
            #expect(try await database.waitForRunningStatement(containing: "pg_sleep"), "the slow migration never started")
            try await server.pgCtl(["-w", "-t", "60", "-m", "fast", "restart"])

            let (outcome, timedOut) = await process.finish(within: .seconds(20))
            #expect(!timedOut, "strata did not notice the restart within 20 s: \(outcome.output)")
            #expect(outcome.status == 3, "\(outcome.output)")
            #expect(outcome.standardError.contains("the connection to the server was lost"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("2_slow.sql"), "\(outcome.standardError)")
            #expect(outcome.standardOutput.contains("applied  1 a"), "\(outcome.standardOutput)")

            #expect(try await database.appliedVersions() == ["1"])
            #expect(try await !database.exists("slow"))

            try project.write("db/migrations/2_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.1);\n")
            let rerun = try StrataProcess.start(["migrate", "--database-url", database.url], in: project.path)
            defer { rerun.stop() }
            let (again, rerunTimedOut) = await rerun.finish(within: .seconds(30))
            #expect(!rerunTimedOut)
            #expect(again.status == 0, "\(again.output)")
            #expect(try await database.appliedVersions() == ["1", "2", "3"])
            #expect(try await database.exists("slow"))
            #expect(try await database.exists("c"))
        }
    }
}
