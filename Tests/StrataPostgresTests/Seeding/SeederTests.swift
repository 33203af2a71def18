import Foundation
import PostgresNIO
import StrataCore
import StrataPostgres
import StrataTesting
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

    /// After `rollback` + `migrate` recreated the table a seed filled, the seed is stale (with the reason) and
    /// `seed` applies it again; a migration added after the seed does not make it stale.
    @Test func aSeedIsStaleAfterItsTableIsRecreatedByRollbackAndMigrate() async throws {
        let database = try await MigrationFixture.make()
        let seeds = try ScratchSpace.folder(prefix: "seeds")
        defer {
            try? FileManager.default.removeItem(atPath: database.folder)
            try? FileManager.default.removeItem(atPath: seeds)
        }
        try database.write("1_plans.sql", """
            -- strata:up
            CREATE TABLE plans (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
            -- strata:down
            DROP TABLE plans;
            """)
        try FileManager.default.createDirectory(atPath: seeds + "/plans", withIntermediateDirectories: true)
        try "INSERT INTO plans (name) VALUES ('free'), ('pro');".write(
            toFile: seeds + "/plans/001_plans.sql", atomically: true, encoding: .utf8)
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

        _ = try await database.withMigrator { try await $0.migrate(try database.migrations()) }
        #expect(try await withSeeder { try await $0.seed(try sets()) }.applied == ["plans/001_plans.sql"])
        // A new migration does not touch the seed's data.
        try database.write("2_teams.sql", "-- strata:up\nCREATE TABLE teams (id int);\n-- strata:down\nDROP TABLE teams;\n")
        _ = try await database.withMigrator { try await $0.migrate(try database.migrations()) }
        #expect(try await withSeeder { try await $0.status(of: try sets(), environment: nil) }.first?.files.map(\.state)
            == [.applied])

        _ = try await database.withMigrator { try await $0.rollback(try database.migrations(), target: .toVersion(.zero)) }
        _ = try await database.withMigrator { try await $0.migrate(try database.migrations()) }
        #expect(try await database.strings("SELECT count(*)::text FROM plans") == ["0"])
        let stale = try #require(try await withSeeder { try await $0.status(of: try sets(), environment: nil) }.first?.files.first)
        #expect(stale.state == .stale)
        #expect(stale.reason?.contains("rolled back or applied again") == true, "\(stale.reason ?? "")")

        let again = try await withSeeder { try await $0.seed(try sets()) }
        #expect(again.applied == ["plans/001_plans.sql"])
        #expect(try await database.strings("SELECT name FROM plans ORDER BY id") == ["free", "pro"])
        #expect(try await withSeeder { try await $0.status(of: try sets(), environment: nil) }.first?.files.map(\.state)
            == [.applied])
        #expect(try await withSeeder { try await $0.seed(try sets()) }.applied.isEmpty)
    }

    /// `seed reset` of one set empties a table another set filled: that set is stale and `seed` fills it again;
    /// a set whose declared table is empty is stale too.
    @Test func aSeedIsStaleWhenAnotherSetsResetEmptiesItsTable() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.cleanUp() }
        try fixture.write("catalog/001_plans.sql", """
            -- strata:seed-tables plan_limits, plans
            INSERT INTO plans (name) VALUES ('free');
            INSERT INTO plan_limits SELECT id, 5 FROM plans WHERE name = 'free';
            """)
        // `extras` declares no table: it is tied to `plans` by the table it inserts into.
        try fixture.write("extras/001_more_plans.sql", "INSERT INTO public.plans (name) VALUES ('enterprise');")
        let first = try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        #expect(first.applied == ["catalog/001_plans.sql", "extras/001_more_plans.sql"])

        let sets = try fixture.sets()
        let catalog = sets.filter { $0.name == "catalog" }
        _ = try await fixture.withSeeder { try await $0.reset(catalog, others: sets) }
        #expect(try await fixture.database.strings("SELECT name FROM plans ORDER BY name") == ["free"])
        let statuses = try await fixture.withSeeder { try await $0.status(of: try fixture.sets(), environment: nil) }
        #expect(statuses.map { $0.files.map(\.state) } == [[.applied], [.stale]])
        #expect(statuses[1].files[0].reason == "'seed reset catalog' emptied a table it fills")

        let again = try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }
        #expect(again.applied == ["extras/001_more_plans.sql"])
        #expect(try await fixture.database.strings("SELECT name FROM plans ORDER BY name") == ["enterprise", "free"])

        // Emptied behind Strata's back: the declared table is empty, so the set is due again.
        try await fixture.database.execute("TRUNCATE plan_limits, plans")
        let emptied = try await fixture.withSeeder { try await $0.status(of: try fixture.sets(), environment: nil) }
        #expect(emptied[0].files[0].state == .stale)
        #expect(emptied[0].files[0].reason == "table plan_limits is empty")
        #expect(try await fixture.withSeeder { try await $0.seed(try fixture.sets()) }.applied.contains("catalog/001_plans.sql"))
    }
}
