import Foundation
import StrataTesting
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `seed`, `setup`, `reset` and `test` through the built binary, against a real PostgreSQL, and the concerts example.
@Suite struct SeedsAndSQLTestsTests {
    /// A URL of a database that does not exist yet on the tests' server, and its name.
    func missingDatabase() async throws -> (url: String, name: String) {
        let server = try await TemporaryPostgres.shared()
        let name = "e2e_setup_\(UUID().uuidString.prefix(8).lowercased())"
        return (server.url(for: name), name)
    }

    func database() async throws -> String {
        let server = try await TemporaryPostgres.shared()
        return server.url(for: try await server.makeDatabase(prefix: "e2e_seed"))
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func seedSkipsAppliedFilesReappliesChangedOnesAndResetsASet() async throws {
        let url = try await database()
        let project = try ExampleProject()
        defer { project.remove() }
        try project.write("db/migrations/1_plans.sql", "CREATE TABLE plans (id serial PRIMARY KEY, name text UNIQUE);")
        try project.write("db/seeds/plans/001_plans.sql", "-- strata:seed-tables plans\nINSERT INTO plans (name) VALUES ('free'), ('pro');")
        try project.write("db/seeds/demo/001_demo.sql", "-- strata:env dev,test\nINSERT INTO plans (name) VALUES ('demo');")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)

        let seed = try StrataBinary.run(["seed", "--database-url", url], in: project.path)
        #expect(seed.status == 0, "\(seed.output)")
        #expect(seed.standardOutput.contains("seeded   plans/001_plans.sql"))
        #expect(seed.standardOutput.contains(
            "skipped  set demo: limited to dev, test and no environment is chosen (--env, STRATA_ENV or env in strata.toml)"))

        let status = try StrataBinary.run(["seed", "status", "--json", "--database-url", url], in: project.path)
        #expect(status.status == 0, "\(status.output)")
        let object = try json(status.standardOutput)
        #expect(object["environment"] is NSNull)
        let sets = try #require(object["sets"] as? [[String: Any]])
        #expect(sets.compactMap { $0["name"] as? String } == ["demo", "plans"])
        #expect(sets.compactMap { $0["enabled"] as? Bool } == [false, true])
        #expect(sets.map { ($0["files"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String } } == [["pending"], ["applied"]])
        #expect((sets[1]["tables"] as? [String]) == ["plans"])

        let again = try StrataBinary.run(["seed", "--database-url", url], in: project.path)
        #expect(again.standardOutput.contains("Nothing to seed"))

        let refused = try StrataBinary.run(["seed", "demo", "--env", "production", "--database-url", url], in: project.path)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("seed set 'demo' is limited to dev, test; the current environment is production"))

        let demo = try StrataBinary.run(["seed", "demo", "--database-url", url], in: project.path, environment: ["STRATA_ENV": "test"])
        #expect(demo.status == 0, "\(demo.output)")
        #expect(demo.standardOutput.contains("seeded   demo/001_demo.sql"))

        try project.write("db/seeds/plans/001_plans.sql", "-- strata:seed-tables plans\nINSERT INTO plans (name) VALUES ('free'), ('pro'), ('team') ON CONFLICT DO NOTHING;")
        let changed = try StrataBinary.run(["seed", "plans", "--database-url", url], in: project.path)
        #expect(changed.status == 0, "\(changed.output)")
        #expect(changed.standardOutput.contains("reseeded plans/001_plans.sql"))

        let reset = try StrataBinary.run(["seed", "reset", "plans", "--database-url", url], in: project.path)
        #expect(reset.status == 0, "\(reset.output)")
        #expect(reset.standardOutput.contains("emptied  plans (set plans)"))
        let noTables = try StrataBinary.run(["seed", "reset", "demo", "--env", "dev", "--database-url", url], in: project.path)
        #expect(noTables.status == 2)
        #expect(noTables.standardError.contains("seed set 'demo' declares no tables"))
    }

    @Test func setupCreatesTheDatabaseThenMigratesAndSeeds() async throws {
        let (url, name) = try await missingDatabase()
        let project = try ExampleProject()
        defer { project.remove() }
        try project.write("db/migrations/1_plans.sql", "CREATE TABLE plans (name text);")
        try project.write("db/seeds/plans/001.sql", "INSERT INTO plans VALUES ('free');")
        let before = try StrataBinary.run(["status", "--database-url", url], in: project.path)
        #expect(before.status == 3)
        let setup = try StrataBinary.run(["setup", "--database-url", url], in: project.path)
        #expect(setup.status == 0, "\(setup.output)")
        #expect(setup.standardOutput.contains("created database \(name)"))
        #expect(setup.standardOutput.contains("applied  1 plans"))
        #expect(setup.standardOutput.contains("seeded   plans/001.sql"))
        let twice = try StrataBinary.run(["setup", "--database-url", url], in: project.path)
        #expect(twice.status == 0, "\(twice.output)")
        #expect(!twice.standardOutput.contains("created database"))
        #expect(twice.standardOutput.contains("Nothing to seed"))
    }

    @Test func resetIsRefusedWithoutForceAndTheNameTypedAgain() async throws {
        let url = try await database()
        let name = try #require(URL(string: url)?.lastPathComponent)
        let project = try ExampleProject()
        defer { project.remove() }
        try project.write("db/migrations/1_plans.sql", "CREATE TABLE plans (name text);")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
        #expect(try StrataBinary.run(["seed", "--database-url", url], in: project.path).status == 0)
        try project.write("db/migrations/2_extra.sql", "CREATE TABLE extra (id int);")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
        try FileManager.default.removeItem(atPath: project.path + "/db/migrations/2_extra.sql")

        let plain = try StrataBinary.run(["reset", "--database-url", url], in: project.path)
        #expect(plain.status == 2)
        #expect(plain.standardError.contains("refusing to reset"))
        #expect(plain.standardError.contains("--force --confirm \(name)"))
        let noConfirm = try StrataBinary.run(["reset", "--force", "--database-url", url], in: project.path)
        #expect(noConfirm.status == 2)
        #expect(noConfirm.standardError.contains("--force needs --confirm"))
        let wrong = try StrataBinary.run(["reset", "--force", "--confirm", "production", "--database-url", url], in: project.path)
        #expect(wrong.status == 2)
        #expect(wrong.standardError.contains("does not match the database's name, \(name); nothing was dropped"))
        let stillThere = try StrataBinary.run(["status", "--json", "--database-url", url], in: project.path)
        #expect(stillThere.standardOutput.contains("\"state\":\"missing\""))

        let forced = try StrataBinary.run(["reset", "--force", "--confirm", name, "--database-url", url], in: project.path)
        #expect(forced.status == 0, "\(forced.output)")
        #expect(forced.standardOutput.contains("recreated database \(name)"))
        let after = try StrataBinary.run(["status", "--json", "--database-url", url], in: project.path)
        #expect(after.status == 0, "\(after.output)")
        #expect(!after.standardOutput.contains("missing"))
        #expect(after.standardOutput.contains("\"state\":\"applied\""))
    }

    @Test func testCommandExitsOneOnFailureWithTextTapAndJUnit() async throws {
        let url = try await database()
        let project = try ExampleProject()
        defer { project.remove() }
        try project.write("db/tests/basics.sql", """
            -- strata:test passes
            -- strata:expect value 2
            SELECT 1 + 1;
            -- strata:test fails
            -- strata:expect rows 2
            SELECT 1;
            """)
        try project.write("other/ok.sql", "-- strata:expect rows 1\nSELECT 1;\n")

        let passing = try StrataBinary.run(["test", "other", "--database-url", url], in: project.path)
        #expect(passing.status == 0, "\(passing.output)")
        #expect(passing.standardOutput.contains("ok    ok (other/ok.sql:1, 1 check"))
        #expect(passing.standardOutput.split(separator: "\n").last == "1 passed, 0 failed")

        let text = try StrataBinary.run(["test", "--database-url", url], in: project.path)
        #expect(text.status == 1, "\(text.output)")
        #expect(text.standardOutput.contains("FAIL  fails (db/tests/basics.sql:4)"))
        #expect(text.standardOutput.contains("db/tests/basics.sql:6:1: expected rows 2, got rows 1"))
        #expect(text.standardOutput.split(separator: "\n").last == "1 passed, 1 failed")

        let tap = try StrataBinary.run(["test", "--format", "tap", "--database-url", url], in: project.path)
        #expect(tap.status == 1)
        let tapLines = tap.standardOutput.split(separator: "\n").map(String.init)
        #expect(Array(tapLines.prefix(4)) == ["TAP version 13", "1..2", "ok 1 - passes", "not ok 2 - fails"])
        #expect(tapLines.contains("  at: \"db/tests/basics.sql:6:1\""))
        #expect(tapLines.contains("  expected: \"rows 2\""))
        #expect(tapLines.contains("  actual: \"rows 1\""))
        #expect(tapLines.last == "# 1 passed, 1 failed")

        let junit = try StrataBinary.run(["test", "--format", "junit", "--database-url", url], in: project.path)
        #expect(junit.status == 1)
        let xml = junit.standardOutput
        #expect(xml.contains("<testsuites name=\"strata\" tests=\"2\" failures=\"1\""))
        #expect(xml.contains("<testcase name=\"passes\" classname=\"db/tests/basics.sql\" file=\"db/tests/basics.sql\" line=\"1\""))
        #expect(xml.contains("<failure message=\"expected rows 2, got rows 1\" type=\"rows 2\">db/tests/basics.sql:6:1: expected rows 2, got rows 1"))
        #expect(XMLParser(data: Data(xml.utf8)).parse(), "the JUnit report is not well-formed XML:\n\(xml)")

        let badFormat = try StrataBinary.run(["test", "--format", "html", "--database-url", url], in: project.path)
        #expect(badFormat.status == 2)
    }

    @Test func concertsExampleSeedsAndProvesEveryPolicy() async throws {
        let (url, _) = try await missingDatabase()
        let project = try ExampleProject(copying: "Examples/concerts")
        defer { project.remove() }
        let setup = try StrataBinary.run(["setup", "--env", "test", "--database-url", url], in: project.path)
        #expect(setup.status == 0, "\(setup.output)")
        #expect(setup.standardOutput.contains("seeded   demo/004_ticket_sales.sql"))
        let test = try StrataBinary.run(["test", "--database-url", url], in: project.path)
        #expect(test.status == 0, "\(test.output)")
        #expect(!test.standardOutput.contains("FAIL"))
        #expect(test.standardOutput.split(separator: "\n").last == "15 passed, 0 failed")
        let pgTAP = try StrataBinary.run(["test", "db/pgtap", "--format", "tap", "--database-url", url], in: project.path)
        #expect(pgTAP.status == 0, "\(pgTAP.output)")
        #expect(pgTAP.standardOutput.contains("ok 1 - schema_and_policies"))
        // Tests never change the database.
        let status = try StrataBinary.run(["seed", "status", "--json", "--env", "test", "--database-url", url], in: project.path)
        #expect(status.status == 0, "\(status.output)")
        #expect(status.standardOutput.contains("\"state\":\"applied\""))
        // Every file of the sets enabled in "test" is applied (legacy_kv is for "import" only).
        let parsed = try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any]
        let sets = try #require(parsed?["sets"] as? [[String: Any]])
        let enabled = sets.filter { ($0["enabled"] as? Bool) == true }
        #expect(Set(enabled.compactMap { $0["name"] as? String }) == ["demo", "providers"])
        let states = enabled.flatMap { ($0["files"] as? [[String: Any]]) ?? [] }.compactMap { $0["state"] as? String }
        #expect(!states.isEmpty && states.allSatisfy { $0 == "applied" }, "\(states)")
    }

    /// Seed 002's move from the key-value store: the demo data imported from the JSON export and from the
    /// `kv_store_…` table (instead of the demo seeds) passes every policy test, so the import gives the same state.
    @Test func concertsExampleImportedFromTheKeyValueExportPassesEveryPolicy() async throws {
        let (url, _) = try await missingDatabase()
        let project = try ExampleProject(copying: "Examples/concerts")
        defer { project.remove() }
        func strata(_ arguments: [String]) throws -> StrataBinary.Result {
            try StrataBinary.run(arguments + ["--database-url", url], in: project.path)
        }
        // Environment "import": the providers and the legacy key-value table, not the demo rows.
        let setup = try strata(["setup", "--env", "import"])
        #expect(setup.status == 0, "\(setup.output)")
        #expect(setup.standardOutput.contains("seeded   legacy_kv/001_kv_store.sql"), "\(setup.output)")
        #expect(!setup.standardOutput.contains("demo/"))
        for arguments in [
            ["import", "data/kv_export.json", "--into", "artists"],
            ["import", "--from-kv", "kv_store_84730125", "--prefix", "concert:", "--into", "concerts"],
            ["import", "data/kv_export.json", "--into", "notifications"],
            ["import", "data/kv_export.json", "--into", "email_campaigns", "--key", "emailCampaigns"],
            ["import", "data/kv_export.json", "--into", "ticket_sales", "--key", "ticketSales"],
        ] {
            let imported = try strata(arguments)
            #expect(imported.status == 0, "\(arguments): \(imported.output)")
            #expect(imported.standardOutput.contains("rejected 0"), "\(imported.output)")
        }
        // Both sources agree: the artists of the key-value table change nothing.
        let again = try strata(["import", "--from-kv", "kv_store_84730125", "--prefix", "artist:", "--into", "artists", "--mode", "upsert"])
        #expect(again.standardOutput.contains("read 2 = loaded 2 + rejected 0 (mode upsert, 0 rows inserted or changed)"), "\(again.output)")
        let test = try strata(["test"])
        #expect(test.status == 0, "\(test.output)")
        #expect(test.standardOutput.split(separator: "\n").last == "15 passed, 0 failed")
    }

    @Test func aBrokenPolicyFailsNamingTheTestTheLineAndBothValues() async throws {
        let (url, _) = try await missingDatabase()
        let project = try ExampleProject(copying: "Examples/concerts")
        defer { project.remove() }
        let migration = "db/migrations/20260126120200_row_level_security.sql"
        let original = try project.read(migration)
        let broken = original.replacingOccurrences(
            of: "USING (status = 'approved' AND NOT is_hidden)", with: "USING (status = 'approved')")
        #expect(broken != original)
        try project.write(migration, broken)
        #expect(try StrataBinary.run(["setup", "--env", "test", "--database-url", url], in: project.path).status == 0)

        let result = try StrataBinary.run(["test", "--database-url", url], in: project.path)
        #expect(result.status == 1, "\(result.output)")
        let tests = "db/tests/concerts.sql"
        let testLine = try #require(try project.line(of: "-- strata:test the public sees approved concerts only", in: tests))
        let statementLine = try #require(try project.line(of: "SELECT count(*) FROM concerts;", in: tests, after: testLine))
        #expect(result.standardOutput.contains("FAIL  the public sees approved concerts only (\(tests):\(testLine))"))
        #expect(result.standardOutput.contains("\(tests):\(statementLine):1: expected value 2, got value 3"))
        #expect(result.standardOutput.contains("expected: value 2"))
        #expect(result.standardOutput.contains("actual:   value 3"))
        #expect(result.standardOutput.split(separator: "\n").last == "13 passed, 2 failed")
    }

    @Test func concertsExampleRunsOnTheEmbeddedDefaultWithoutAURL() async throws {
        let project = try ExampleProject(copying: "Examples/concerts")
        defer {
            _ = try? StrataBinary.run(["dev", "stop"], in: project.path)
            project.remove()
        }
        let reset = try StrataBinary.run(["reset"], in: project.path)
        #expect(reset.status == 0, "\(reset.output)")
        #expect(reset.standardOutput.contains("recreated database strata_dev"))
        #expect(reset.standardOutput.contains("seeded   demo/001_artists.sql"))
        let test = try StrataBinary.run(["test"], in: project.path)
        #expect(test.status == 0, "\(test.output)")
        #expect(test.standardOutput.split(separator: "\n").last == "15 passed, 0 failed")
    }
}
