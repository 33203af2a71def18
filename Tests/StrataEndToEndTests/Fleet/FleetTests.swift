import Foundation
import StrataTesting
import Testing

/// `strata fleet` through the built binary: many databases, many tenant schemas, one target that fails.
@Suite struct FleetTests {
    static func project() throws -> ProjectFolder {
        let project = try ProjectFolder()
        try project.write("db/migrations/1_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n")
        try project.write("db/migrations/2_tags.sql", "CREATE TABLE tags (id bigint PRIMARY KEY);\n")
        try project.write("db/migrations/3_seed.sql", "INSERT INTO tags VALUES (1), (2);\n")
        return project
    }

    /// JSON lines of a fleet run, by target.
    static func lines(_ output: String) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for line in output.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let target = object["target"] as? String
            else { continue }
            result[target] = object
        }
        return result
    }

    @Test func twoHundredDatabasesOneFailsIsNamedAndARerunCompletesOnlyIt() async throws {
        let server = try await TemporaryPostgres.shared()
        let project = try Self.project()
        var environment: [String: String] = [:]
        var file = ""
        var broken = ""
        for index in 1...200 {
            let settings = try await server.makeDatabase(prefix: "fleet\(index)_")
            environment["DB_\(index)"] = server.url(for: settings)
            file += "[[target]]\nname = \"db\(index)\"\nurl_env = \"DB_\(index)\"\ngroup = \"\(index <= 100 ? "eu" : "us")\"\n"
            if index == 77 { broken = server.url(for: settings) }
        }
        // db77 already has a table the first migration creates: its migrate fails, the others go on.
        let blocker = try ProjectFolder()
        try blocker.write("db/migrations/1_block.sql", "CREATE TABLE items (id int);\n")
        #expect(try StrataBinary.run(["migrate", "--schema", "strata_block", "--database-url", broken], in: blocker.path).status == 0)
        // A target on a closed port with a password in its URL: exit 3 for it, and the password never shown.
        environment["DOWN"] = "postgres://app:TopSecret42@127.0.0.1:1/none?connect_timeout=2"
        file += "[[target]]\nname = \"down\"\nurl_env = \"DOWN\"\ngroup = \"us\"\n"
        try project.write("fleet.toml", file)

        let first = try StrataBinary.run(["fleet", "migrate", "--parallel", "8", "--json"], in: project.path, environment: environment)
        #expect(first.status == 1, "\(first.standardError)")
        #expect(!first.output.contains("TopSecret42"))
        let outcomes = Self.lines(first.standardOutput)
        #expect(outcomes.count == 201)
        #expect(outcomes.values.filter { $0["state"] as? String == "done" }.count == 199)
        #expect(outcomes["db77"]?["state"] as? String == "failed")
        #expect(outcomes["db77"]?["exit_code"] as? Int == 1)
        #expect(outcomes["down"]?["exit_code"] as? Int == 3)
        #expect(outcomes["db1"]?["count"] as? Int == 3)

        // Fix db77 by hand; the rerun applies only there.
        let fix = try ProjectFolder()
        try fix.write("db/migrations/1_fix.sql", "DROP TABLE items;\n")
        try fix.write("db/migrations/2_unblock.sql", "SELECT 1;\n")
        #expect(try StrataBinary.run(["migrate", "--schema", "strata_fix", "--database-url", broken], in: fix.path).status == 0)
        let rerun = try StrataBinary.run(
            ["fleet", "migrate", "--group", "eu", "--json"], in: project.path, environment: environment)
        #expect(rerun.status == 0, "\(rerun.output)")
        let again = Self.lines(rerun.standardOutput)
        #expect(again.count == 100)
        #expect(again.filter { ($0.value["count"] as? Int ?? 0) > 0 }.map(\.key) == ["db77"])

        let status = try StrataBinary.run(["fleet", "status", "--group", "us"], in: project.path, environment: environment)
        #expect(status.status == 1)
        #expect(status.standardOutput.contains("db150  up to date at 3"), "\(status.standardOutput)")
        #expect(status.standardError.contains("failed: down"))
    }

    @Test func fiveHundredTenantSchemasInOneDatabaseEachWithItsOwnHistory() async throws {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: "tenants")
        let project = try Self.project()
        let schemas = (1...500).map { "\"t\($0)\"" }.joined(separator: ", ")
        try project.write("fleet.toml", "[[target]]\nname = \"app\"\nurl_env = \"APP_URL\"\nschemas = [\(schemas)]\n")
        let environment = ["APP_URL": server.url(for: settings)]
        let run = try StrataBinary.run(["fleet", "migrate", "--parallel", "8", "--quiet"], in: project.path, environment: environment)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.standardOutput.contains("500 targets: 500 done, 0 failed"), "\(run.standardOutput)")
        let check = ProductionDatabase(settings: settings, url: server.url(for: settings))
        #expect(try await check.integer("SELECT count(*) FROM pg_tables WHERE tablename = 'items'") == 500)
        #expect(try await check.integer("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_history' AND schemaname LIKE 'strata_t%'") == 500)
        #expect(try await check.integer("SELECT count(*) FROM t250.tags") == 2)
        #expect(try await check.integer("SELECT count(*) FROM strata_t250.schema_history") == 3)
        #expect(try await check.integer("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'items'") == 0)
        let noop = try StrataBinary.run(["fleet", "status", "--json"], in: project.path, environment: environment)
        #expect(noop.status == 0)
        #expect(Self.lines(noop.standardOutput).values.allSatisfy { $0["count"] as? Int == 0 })
    }
}
