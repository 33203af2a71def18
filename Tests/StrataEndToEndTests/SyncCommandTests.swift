import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `strata sync` as a user runs it: every phase from the command line, kill -9 during the copy then start again,
/// refusals and their exit codes, `--json`.
@Suite struct SyncCommandTests {
    static let plan = """
        [[table]]
        from = "public.clients"
        to = "horizontal.leads"
        [table.columns]
        vertical_id = "'repair'"
        """

    func prepared(_ prefix: String, rows: Int = 20_000) async throws -> (ProjectFolder, ProductionDatabase) {
        let project = try ProjectFolder()
        try project.write("db/syncs/split.toml", Self.plan)
        let database = try await ProductionDatabase.make(prefix)
        try await database.withSession { session in
            try await session.run("CREATE TABLE clients (id serial PRIMARY KEY, name text NOT NULL, email text)")
            try await session.run("INSERT INTO clients (name, email) SELECT 'c' || g, g || '@x' FROM generate_series(1, \(rows)) g")
            try await session.run("CREATE SCHEMA horizontal")
            try await session.run("CREATE TABLE horizontal.leads (LIKE public.clients INCLUDING ALL, vertical_id text NOT NULL)")
        }
        return (project, database)
    }

    @Test func everyPhaseFromTheCommandLineWithJSONAndExitCodes() async throws {
        let (project, database) = try await prepared("sync_cli_")
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let url = database.url
        func strata(_ arguments: [String]) throws -> StrataBinary.Result {
            try StrataBinary.run(arguments + ["--database-url", url], in: project.path)
        }
        let plan = try strata(["sync", "plan", "split"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.standardOutput.contains("public.clients → horizontal.leads"))
        #expect(plan.standardOutput.contains("vertical_id = 'repair'"))
        let planJSON = try strata(["sync", "plan", "split", "--json"])
        #expect(planJSON.standardOutput.contains("\"archive\":\"strata_archive.public__clients\""), "\(planJSON.output)")

        let early = try strata(["sync", "cutover", "split"])
        #expect(early.status == 2)
        #expect(early.standardError.contains("public.clients: cannot cut over a sync that is not started"), "\(early.output)")

        let start = try strata(["sync", "start", "split", "--json"])
        #expect(start.status == 0, "\(start.output)")
        #expect(start.standardOutput.contains("\"rows_copied\":20000"), "\(start.output)")
        let status = try strata(["sync", "status", "--json"])
        #expect(status.standardOutput.contains("\"phase\":\"synced\""), "\(status.output)")

        let unverified = try strata(["sync", "cutover", "split"])
        #expect(unverified.status == 2)
        #expect(unverified.standardError.contains("no passing comparison since the copy"))

        try await database.withSession { session in
            try await session.run("ALTER TABLE horizontal.leads DISABLE TRIGGER USER")
            try await session.run("UPDATE horizontal.leads SET name = 'wrong' WHERE id = 77")
        }
        let differ = try strata(["sync", "verify", "split"])
        #expect(differ.status == 4, "\(differ.output)")
        #expect(differ.standardOutput.contains("DIFFER public.clients ≠ horizontal.leads"))
        #expect(differ.standardOutput.contains("(77)"))
        #expect(differ.standardError.contains("strata sync verify split --repair"))
        let repaired = try strata(["sync", "verify", "split", "--repair", "--json"])
        #expect(repaired.status == 0, "\(repaired.output)")
        #expect(repaired.standardOutput.contains("\"match\":true"))
        #expect(repaired.standardOutput.contains("\"repaired\":1"))

        let cut = try strata(["sync", "cutover", "split"])
        #expect(cut.status == 0, "\(cut.output)")
        #expect(cut.standardOutput.contains("cut over public.clients: archived as strata_archive.public__clients"))
        // The old name works for reads and writes (its default id too); the write reaches the archive as well.
        try await database.withSession { session in
            try await session.run("INSERT INTO clients (name) VALUES ('through the view')")
        }
        #expect(try await database.integer("SELECT count(*) FROM horizontal.leads WHERE name = 'through the view'") == 1)
        #expect(try await database.integer("SELECT count(*) FROM strata_archive.public__clients WHERE name = 'through the view'") == 1)
        let afterCut = try strata(["sync", "verify", "split"])
        #expect(afterCut.status == 0, "\(afterCut.output)")
        #expect(afterCut.standardOutput.contains("ok     strata_archive.public__clients = horizontal.leads: 20,001 rows"))

        let unconfirmed = try strata(["sync", "complete", "split"])
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.standardError.contains("--confirm"))
        let complete = try strata(["sync", "complete", "split", "--confirm", "--drop-archive"])
        #expect(complete.status == 0, "\(complete.output)")
        #expect(!(try await database.exists("strata_archive.public__clients")))
        #expect(!(try await database.exists("public.clients")))
        let abort = try strata(["sync", "abort", "split"])
        #expect(abort.status == 2)
        #expect(abort.standardError.contains("the sync was completed"))
        let text = try strata(["sync", "status", "split"])
        #expect(text.standardOutput.contains("completed"), "\(text.output)")

        let missing = try strata(["sync", "plan", "nope"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("db/syncs/nope.toml does not exist"))
        try project.write("db/syncs/bad.toml", "[[table]]\nfrom = \"clients\"\n")
        let bad = try strata(["sync", "plan", "bad"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("db/syncs/bad.toml:1"), "\(bad.output)")
    }

    @Test func killNineDuringTheCopyThenStartAgainResumesAndCopiesEveryRowOnce() async throws {
        let (project, database) = try await prepared("sync_kill_", rows: 200_000)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let url = database.url
        // A row in the middle held FOR UPDATE: the copy cannot pass it (its batch waits, then times out), so the
        // kill lands mid-copy however slowly a loaded machine polls.
        let middle = try await database.openSession()
        _ = try await middle.run("BEGIN")
        _ = try await middle.run("SELECT id FROM clients WHERE id = 100000 FOR UPDATE")
        let victim = try StrataProcess.start(["sync", "start", "split", "--batch-size", "2000", "--database-url", url], in: project.path)
        defer { victim.stop() }
        var copying = false
        for _ in 0..<600 where !copying {
            copying = ((try? await database.integer(
                "SELECT count(*) FROM strata.sync_tables WHERE checkpoint IS NOT NULL")) ?? 0) > 0
            if !copying { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(copying, "the copy never committed a batch")
        victim.send(SIGKILL)
        _ = await victim.finish(within: .seconds(5))
        let copiedBefore = try await database.integer("SELECT rows_copied FROM strata.sync_tables")
        #expect(copiedBefore < 200_000, "the copy ended before the kill")
        await middle.rollbackQuietly()
        await middle.close()
        // Writes keep being mirrored while no copy runs.
        try await database.withSession { session in
            try await session.run("UPDATE clients SET email = 'after kill' WHERE id IN (1, 199999)")
            try await session.run("DELETE FROM clients WHERE id = 5")
        }
        let again = try StrataBinary.run(["sync", "start", "split", "--database-url", url], in: project.path)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.standardOutput.contains("resumed after the last committed batch"), "\(again.output)")
        #expect(try await database.integer("SELECT rows_copied FROM strata.sync_tables") == 200_000)
        #expect(try await database.integer("""
            SELECT count(*) FROM (SELECT id, name, email FROM clients EXCEPT SELECT id, name, email FROM horizontal.leads) d
            """) == 0)
        #expect(try await database.integer("""
            SELECT count(*) FROM (SELECT id, name, email FROM horizontal.leads EXCEPT SELECT id, name, email FROM clients) d
            """) == 0)
        let verify = try StrataBinary.run(["sync", "verify", "split", "--database-url", url], in: project.path)
        #expect(verify.status == 0, "\(verify.output)")
    }

    /// expand → sync → cut-over as three migration files: `strata migrate` runs the sync's steps.
    @Test func migrationFilesRunTheSyncStepsUnderTheMigrationLock() async throws {
        let (project, database) = try await prepared("sync_files_", rows: 5_000)
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let url = database.url
        try project.write("db/migrations/1_sync.sql", """
            -- strata:no-transaction
            -- strata:sync start split
            -- strata:sync verify split
            SELECT 1;
            """)
        let synced = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(synced.status == 0, "\(synced.output)")
        #expect(try await database.integer("SELECT count(*) FROM horizontal.leads") == 5_000)
        try await database.withSession { session in try await session.run("INSERT INTO clients (name) VALUES ('between releases')") }
        try project.write("db/migrations/2_cutover.sql", """
            -- strata:no-transaction
            -- strata:sync cutover split
            SELECT 1;
            """)
        let cut = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(cut.status == 0, "\(cut.output)")
        #expect(try await database.texts("SELECT relkind::text FROM pg_class WHERE oid = 'public.clients'::regclass") == ["v"])
        #expect(try await database.integer("SELECT count(*) FROM clients") == 5_001)
        let status = try StrataBinary.run(["sync", "status", "split", "--json", "--database-url", url], in: project.path)
        #expect(status.standardOutput.contains("\"phase\":\"cutover\""), "\(status.output)")

        try project.write("db/migrations/3_bad.sql", "-- strata:sync start split\nSELECT 1;\n")
        let refused = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("3_bad.sql:1"), "\(refused.output)")
        #expect(refused.standardError.contains("only in a no-transaction migration"))
    }
}
