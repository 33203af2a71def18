import Foundation
import StrataCore
import StrataPostgres
import Testing

/// A transactional file sent as one statement (one round trip) against a real PostgreSQL: what a user checks is
/// that it did the same as statement by statement, and that a failure still names its line and SQLSTATE.
@Suite struct WholeFileRunIntegrationTests {
    @Test func aQualifyingFileIsOneStatementAndKeepsItsTextExactly() async throws {
        let fixture = try await MigrationFixture.make()
        // A value holding the quoting tags the block uses, and a function body with its own dollar quotes.
        try fixture.write("1_a.sql", """
            -- strata:up
            CREATE TABLE a (id int PRIMARY KEY, note text);
            INSERT INTO a VALUES (1, '$s$ and $strata$ and $$');
            CREATE FUNCTION a_note() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT note FROM a); END $$;
            CREATE TABLE seen AS SELECT current_query() AS query;
            -- strata:down
            DROP TABLE seen;
            DROP FUNCTION a_note();
            DROP TABLE a;
            """)
        let summary = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(summary.done.map(\.rawValue) == ["1"])
        #expect(try await fixture.strings("SELECT a_note()") == ["$s$ and $strata$ and $$"])
        // The server saw one statement: the block that ran every statement of the file.
        let query = try await fixture.strings("SELECT query FROM seen").first ?? ""
        #expect(query.hasPrefix("DO $strata1$"), "the tag avoids the $strata$ in the file")
        #expect(try await fixture.strings("SELECT version || ':' || state || ':' || statements_run FROM strata.schema_history") == ["1:applied:4"])
        #expect(try await fixture.strings("SELECT action || ':' || outcome FROM strata.events") == ["apply:applied"])
        try await fixture.withMigrator { try await $0.rollback(try fixture.migrations(), target: .toVersion(.zero)) }
        #expect(try await fixture.publicTables() == [])
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.schema_history") == ["0"])
        #expect(try await fixture.strings("SELECT action || ':' || outcome FROM strata.events ORDER BY id") == ["apply:applied", "rollback:reverted"])
    }

    @Test func anErrorInTheThirdStatementStillNamesItsLineColumnAndSQLState() async throws {
        let fixture = try await MigrationFixture.make()
        let path = try fixture.write("1_bad.sql", """
            CREATE TABLE b (id int);
            INSERT INTO b VALUES (1);
            INSERT INTO b VALUES ('one');
            """)
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected the migration to fail")
        } catch let error as StrataError {
            #expect(error.sqlState == "22P02")
            #expect(error.location?.path == path)
            #expect(error.location?.line == 3)
            #expect(error.location?.column == 23)
        }
        #expect(try await fixture.publicTables() == [])
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.schema_history") == ["0"])
    }

    @Test func afterAFileResetsTheSessionTheNextFilesStillRunAsOneStatement() async throws {
        let fixture = try await MigrationFixture.make()
        // RESET ALL clears the session setting that marks the lock's holder; the driver sets it again after the
        // file, once the lock table confirms the lock, so later files keep their cheap check and one round trip.
        try fixture.write("1_reset.sql", "CREATE TABLE a (id int);\nRESET ALL;")
        try fixture.write("2_seen.sql", "CREATE TABLE seen AS SELECT current_query() AS query;")
        let summary = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(summary.done.map(\.rawValue) == ["1", "2"])
        let query = try await fixture.strings("SELECT query FROM seen").first ?? ""
        #expect(query.hasPrefix("DO $strata$"), "\(query)")
    }

    @Test func aSelectIntoStillCreatesItsTable() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_src.sql", "CREATE TABLE src (id int); INSERT INTO src VALUES (7);")
        try fixture.write("2_copy.sql", "SELECT id INTO copied FROM src;")
        let summary = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(summary.done.map(\.rawValue) == ["1", "2"])
        #expect(try await fixture.strings("SELECT id::text FROM copied") == ["7"])
    }
}
