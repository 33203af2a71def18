import Foundation
import Testing

/// Replicas that all migrate on boot: several `strata migrate` processes started at the same moment.
@Suite struct ProductionConcurrencyTests {
    @Test func eightProcessesApplyFiftyMigrationsExactlyOnce() async throws {
        let database = try await ProductionDatabase.make("race8")
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.write("db/migrations/1_t1.sql", """
            CREATE TABLE side_effects (version int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE TABLE t1 (id int);
            INSERT INTO side_effects (version) VALUES (1);
            """)
        for index in 2...50 {
            try project.write(
                "db/migrations/\(index)_t\(index).sql",
                "CREATE TABLE t\(index) (id int);\nINSERT INTO side_effects (version) VALUES (\(index));\n")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let results = try await raceStrata(8, ["migrate", "--database-url", database.url], in: project.path, within: .seconds(120))
        let elapsed = clock.now - start

        for (outcome, timedOut) in results {
            #expect(!timedOut, "a strata migrate did not finish within 120 s: \(outcome.output)")
            #expect(outcome.status == 0, "\(outcome.output)")
        }
        #expect(elapsed < .seconds(120))
        let appliedLines = results.map { $0.outcome.standardOutput.components(separatedBy: "applied ").count - 1 }
        #expect(appliedLines.reduce(0, +) == 50, "applied lines per process: \(appliedLines)")
        #expect(try await database.appliedVersions() == (1...50).map(String.init))
        #expect(try await database.integer("SELECT count(*) FROM strata.schema_history") == 50)
        #expect(try await database.integer("SELECT count(*) FROM side_effects") == 50)
        #expect(try await database.integer("SELECT count(DISTINCT version) FROM side_effects") == 50)
        #expect(
            try await database.integer(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'") == 50)
        // Nobody holds or waits for the lock any more.
        #expect(try await database.advisoryLockCount() == 0)
    }

    @Test func fourProcessesRaceAConcurrentIndexBuildOnAMillionRows() async throws {
        let database = try await ProductionDatabase.make("race_cic")
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.write("db/migrations/1_big.sql", """
            CREATE TABLE big (id bigint PRIMARY KEY, label text NOT NULL);
            INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 1000000) AS g;
            """)
        try project.write("db/migrations/2_big_label_index.sql", """
            -- strata:no-transaction
            CREATE INDEX CONCURRENTLY big_label_idx ON big (label);
            """)
        try project.write("db/migrations/3_after.sql", "CREATE TABLE after_index (id int);\n")

        let clock = ContinuousClock()
        let start = clock.now
        let results = try await raceStrata(4, ["migrate", "--database-url", database.url], in: project.path, within: .seconds(120))
        let elapsed = clock.now - start

        for (outcome, timedOut) in results {
            #expect(!timedOut, "deadlock? a strata migrate did not finish within 120 s: \(outcome.output)")
            #expect(outcome.status == 0, "\(outcome.output)")
        }
        #expect(elapsed < .seconds(120))
        #expect(try await database.appliedVersions() == ["1", "2", "3"])
        #expect(try await database.integer("SELECT count(*) FROM big") == 1_000_000)
        #expect(
            try await database.integer(
                """
                SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE c.relname = 'big_label_idx' AND i.indisvalid AND i.indisready
                """) == 1)
        #expect(try await database.exists("after_index"))
    }
}
