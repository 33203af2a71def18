import Foundation
import Testing

/// `strata test --at V`: the SQL tests run on a shadow database migrated to V, seeded, then migrated to the newest,
/// so a data migration is tested with the rows that existed before it.
@Suite struct TestAtVersionTests {
    func project(splitExpression: String) throws -> ProjectFolder {
        let project = try ProjectFolder()
        try project.write("db/migrations/1_users.sql", "CREATE TABLE users (id int PRIMARY KEY, full_name text NOT NULL);\n")
        try project.write("db/migrations/2_split_names.sql", """
            ALTER TABLE users ADD COLUMN first_name text, ADD COLUMN last_name text;
            UPDATE users SET first_name = \(splitExpression), last_name = split_part(full_name, ' ', 2);
            """)
        try project.write("db/seeds/people/001_people.sql", """
            -- strata:env test
            INSERT INTO users (id, full_name) VALUES (1, 'Ada Lovelace'), (2, 'Alan Turing');
            """)
        try project.write("db/tests/names.sql", """
            -- strata:test the split keeps first names
            -- strata:expect value Ada
            SELECT first_name FROM users WHERE id = 1;
            -- strata:expect value Turing
            SELECT last_name FROM users WHERE id = 2;
            """)
        return project
    }

    @Test func theDataMigrationIsTestedOnSeededRows() async throws {
        let good = try project(splitExpression: "split_part(full_name, ' ', 1)")
        defer { try? FileManager.default.removeItem(atPath: good.path) }
        let shadow = try await ProductionDatabase.make("test_at_")
        let passed = try StrataBinary.run(["test", "--at", "1", "--shadow-url", shadow.url], in: good.path)
        #expect(passed.status == 0, "\(passed.output)")
        #expect(passed.standardOutput.contains("shadow database: 1 migrations up to 1, 1 seed files (test: people), then 1 more to the newest"), "\(passed.output)")
        #expect(passed.standardOutput.contains("1 passed, 0 failed"))

        // A data migration that takes the wrong part fails the test that the seeded rows make meaningful.
        let bad = try project(splitExpression: "split_part(full_name, ' ', 2)")
        defer { try? FileManager.default.removeItem(atPath: bad.path) }
        let emptyShadow = try await ProductionDatabase.make("test_at_bad_")
        let failed = try StrataBinary.run(["test", "--at", "1", "--shadow-url", emptyShadow.url], in: bad.path)
        #expect(failed.status == 1, "\(failed.output)")
        #expect(failed.standardOutput.contains("expected value Ada, got value Lovelace"), "\(failed.output)")

        let unknown = try StrataBinary.run(["test", "--at", "7", "--shadow-url", emptyShadow.url], in: good.path)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("--at 7: no migration has this version"), "\(unknown.output)")
    }
}
