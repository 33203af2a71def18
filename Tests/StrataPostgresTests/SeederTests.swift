import Foundation
import PostgresNIO
import StrataCore
import StrataPostgres
import Testing

/// Seed sets against a real PostgreSQL: skip, re-apply on change, reset, refusal, environments.
@Suite struct SeederTests {
    /// A fresh database with a `plans` table and a temporary seeds folder (removed by `cleanUp`).
    struct Fixture {
        let database: MigrationFixture
        let seeds: String

        static func make() async throws -> Fixture {
            let database = try await MigrationFixture.make()
            try await database.execute("CREATE TABLE plans (id serial PRIMARY KEY, name text NOT NULL UNIQUE)")
            try await database.execute("CREATE TABLE plan_limits (plan_id int REFERENCES plans (id), max_users int)")
            let seeds = database.folder + "/seeds"
            try FileManager.default.createDirectory(atPath: seeds, withIntermediateDirectories: true)
            return Fixture(database: database, seeds: seeds)
        }

        func write(_ relativePath: String, _ text: String) throws {
            let full = seeds + "/" + relativePath
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }

        func sets() throws -> [SeedSet] { try SeedFolder(path: seeds).load() }

        func withSeeder<T>(_ body: (Seeder) async throws -> T) async throws -> T {
            let session = try await database.session()
            do {
                let result = try await body(Seeder(session: session))
                await session.close()
                return result
            } catch {
                await session.close()
                throw error
            }
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: database.folder) }
    }

    @Test func appliedFilesAreSkippedAndChangedOnesRunAgain() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        try fixture.write("plans/001_plans.sql", "INSERT INTO plans (name) VALUES ('free'), ('pro');")
        try fixture.write("plans/002_limits.sql", "INSERT INTO plan_limits SELECT id, 5 FROM plans WHERE name = 'free';")
        let first = try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        #expect(first.applied == ["plans/001_plans.sql", "plans/002_limits.sql"])
        #expect(try await fixture.database.strings("SELECT name FROM plans ORDER BY id") == ["free", "pro"])

        let second = try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        #expect(second.applied.isEmpty)
        #expect(second.unchanged == 2)
        #expect(try await fixture.database.strings("SELECT count(*)::text FROM plans") == ["2"])

        try fixture.write("plans/002_limits.sql", "UPDATE plan_limits SET max_users = 10;")
        let statuses = try await fixture.withSeeder { try await $0.status(of: try fixture.sets(), environment: nil) }
        #expect(statuses.first?.files.map(\.state) == [.applied, .changed])
        let third = try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        #expect(third.applied == ["plans/002_limits.sql"])
        #expect(try await fixture.database.strings("SELECT max_users::text FROM plan_limits") == ["10"])
        #expect(try await fixture.database.strings(
            "SELECT set_name || '/' || file_name FROM strata.seed_history ORDER BY 1") == ["plans/001_plans.sql", "plans/002_limits.sql"])
        #expect(try await fixture.database.strings(
            "SELECT action || ':' || name || ':' || outcome FROM strata.events ORDER BY id")
            == ["seed:plans/001_plans.sql:applied", "seed:plans/002_limits.sql:applied", "seed:plans/002_limits.sql:applied"])
    }

    @Test func aFailingFileRollsBackAloneAndNamesItsLine() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        try fixture.write("plans/001_plans.sql", "INSERT INTO plans (name) VALUES ('free');")
        try fixture.write("plans/002_bad.sql", "INSERT INTO plans (name) VALUES ('pro');\nINSERT INTO nowhere VALUES (1);\n")
        do {
            try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
            Issue.record("expected the seed to fail")
        } catch let error as StrataError {
            #expect(error.code == .seedFailed)
            #expect(error.exitStatus == .failure)
            #expect(error.sqlState == "42P01")
            #expect(error.location?.path.hasSuffix("plans/002_bad.sql") == true)
            #expect(error.location?.line == 2)
        }
        #expect(try await fixture.database.strings("SELECT name FROM plans") == ["free"])
        #expect(try await fixture.database.strings("SELECT file_name FROM strata.seed_history") == ["001_plans.sql"])
    }

    @Test func resetEmptiesDeclaredTablesAndAppliesAgain() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        try fixture.write("plans/001_plans.sql", "-- strata:seed-tables plans, plan_limits\nINSERT INTO plans (name) VALUES ('free'), ('pro');")
        try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        try await fixture.database.execute("INSERT INTO plans (name) VALUES ('added by hand')")
        try await fixture.database.execute("INSERT INTO plan_limits VALUES (1, 3)")
        let summary = try await fixture.withSeeder { try await $0.reset(try fixture.sets()) }
        #expect(summary.applied == ["plans/001_plans.sql"])
        // Emptied with RESTART IDENTITY: the seed's rows are back with their first ids, the hand-made rows are gone.
        #expect(try await fixture.database.strings("SELECT id || ':' || name FROM plans ORDER BY id") == ["1:free", "2:pro"])
        #expect(try await fixture.database.strings("SELECT count(*)::text FROM plan_limits") == ["0"])
    }

    @Test func resetOfASetWithoutTablesIsRefusedBeforeAnythingRuns() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        try fixture.write("plans/001_plans.sql", "INSERT INTO plans (name) VALUES ('free');")
        try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        do {
            try await fixture.withSeeder { try await $0.reset(try fixture.sets()) }
            Issue.record("expected reset to be refused")
        } catch let error as StrataError {
            #expect(error.code == .invalidSeed)
            #expect(error.exitStatus == .usage)
            #expect(error.message == "seed set 'plans' declares no tables, so Strata cannot know what to empty")
            #expect(error.hint?.contains("-- strata:seed-tables") == true)
        }
        #expect(try await fixture.database.strings("SELECT name FROM plans") == ["free"])
    }

    @Test func resetThatCannotTruncateRollsBackEverything() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        // plan_limits references plans but is not declared: TRUNCATE refuses, and nothing changes.
        try fixture.write("plans/001_plans.sql", "-- strata:seed-tables plans\nINSERT INTO plans (name) VALUES ('free');")
        try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        try await fixture.database.execute("INSERT INTO plan_limits VALUES (1, 3)")
        do {
            try await fixture.withSeeder { try await $0.reset(try fixture.sets()) }
            Issue.record("expected reset to fail")
        } catch let error as StrataError {
            #expect(error.code == .seedFailed)
            #expect(error.sqlState == "0A000")
            #expect(error.hint?.contains("seed-tables") == true)
        }
        #expect(try await fixture.database.strings("SELECT count(*)::text FROM plan_limits") == ["1"])
    }

    @Test func setsLimitedToOtherEnvironmentsDoNotRun() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        try fixture.write("plans/001_plans.sql", "INSERT INTO plans (name) VALUES ('free');")
        try fixture.write("demo/001_demo.sql", "-- strata:env dev,test\nINSERT INTO plans (name) VALUES ('demo');")
        let production = try SeedSelection.select([], from: try fixture.sets(), environment: "production", seedsDirectory: fixture.seeds)
        try await fixture.withSeeder { try await $0.seed(production) }
        #expect(try await fixture.database.strings("SELECT name FROM plans ORDER BY id") == ["free"])
        let statuses = try await fixture.withSeeder { try await $0.status(of: try fixture.sets(), environment: "production") }
        #expect(statuses.map(\.name) == ["demo", "plans"])
        #expect(statuses.map(\.enabled) == [false, true])
        #expect(statuses.map { $0.files.map(\.state) } == [[.pending], [.applied]])

        let test = try SeedSelection.select([], from: try fixture.sets(), environment: "test", seedsDirectory: fixture.seeds)
        try await fixture.withSeeder { try await $0.seed(test) }
        #expect(try await fixture.database.strings("SELECT name FROM plans ORDER BY id") == ["free", "demo"])
    }

    @Test func transactionControlInASeedFileIsRefused() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        try fixture.write("plans/001_plans.sql", "INSERT INTO plans (name) VALUES ('free');\nCOMMIT;\n")
        do {
            try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
            Issue.record("expected a refusal")
        } catch let error as StrataError {
            #expect(error.code == .invalidSeed)
            #expect(error.location?.line == 2)
        }
        #expect(try await fixture.database.strings("SELECT count(*)::text FROM plans") == ["0"])
    }
}
