import Foundation
import Logging
import PostgresNIO
import StrataCore
import StrataPostgres
import StrataTesting
import Testing

/// SQL tests against a real PostgreSQL: every expectation kind, roles with claims, rollback, and provisioning.
@Suite struct SQLTestRunnerTests {
    /// A database with a table protected by a policy that reads `request.jwt.claim.sub`, and a role to test it as.
    static func policyDatabase() async throws -> MigrationFixture {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute("""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strata_test_reader') THEN
                    CREATE ROLE strata_test_reader NOLOGIN;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
            """)
        try await fixture.execute("CREATE TABLE notes (owner text NOT NULL, body text NOT NULL, price numeric(8,2))")
        try await fixture.execute("INSERT INTO notes VALUES ('u1', 'a', 1.50), ('u1', 'b', 2), ('u2', 'c', NULL)")
        try await fixture.execute("ALTER TABLE notes ENABLE ROW LEVEL SECURITY")
        try await fixture.execute("""
            CREATE POLICY own_notes ON notes FOR ALL TO strata_test_reader
            USING (owner = current_setting('request.jwt.claim.sub', true))
            WITH CHECK (owner = current_setting('request.jwt.claim.sub', true))
            """)
        try await fixture.execute("GRANT SELECT, INSERT, UPDATE ON notes TO strata_test_reader")
        return fixture
    }

    func run(_ text: String, on fixture: MigrationFixture) async throws -> [SQLTestResult] {
        let file = try SQLTestParser.parse(path: "db/tests/t.sql", bytes: Array(text.utf8))
        let session = try await fixture.session()
        do {
            let results = try await SQLTestRunner(session: session).run(file)
            await session.close()
            return results
        } catch {
            await session.close()
            throw error
        }
    }

    @Test func everyExpectationKindPassesWhenMet() async throws {
        let fixture = try await Self.policyDatabase()
        defer { try? FileManager.default.removeItem(atPath: fixture.folder) }
        let results = try await run("""
            -- strata:test kinds
            -- strata:expect rows 3
            SELECT * FROM notes;
            -- strata:expect rows 2
            UPDATE notes SET body = body || '!' WHERE owner = 'u1';
            -- strata:expect value 3.50
            SELECT sum(price) FROM notes;
            -- strata:expect value NULL
            SELECT price FROM notes WHERE owner = 'u2';
            -- strata:expect value true
            SELECT count(*) = 3 FROM notes;
            -- strata:expect value a!
            SELECT body FROM notes ORDER BY body LIMIT 1;
            -- strata:expect error 42P01
            SELECT * FROM missing_table;
            -- the test goes on after an expected error
            -- strata:expect rows 1
            DELETE FROM notes WHERE owner = 'u2';
            """, on: fixture)
        #expect(results.map(\.name) == ["kinds"])
        #expect(results.first?.failure == nil, "\(String(describing: results.first?.failure))")
        #expect(results.first?.checks == 8)
        // Rolled back: the table is as before.
        #expect(try await fixture.strings("SELECT body FROM notes ORDER BY body") == ["a", "b", "c"])
    }

    @Test func unmetExpectationsReportLineExpectedAndActual() async throws {
        let fixture = try await Self.policyDatabase()
        defer { try? FileManager.default.removeItem(atPath: fixture.folder) }
        let results = try await run("""
            -- strata:test rows
            -- strata:expect rows 2
            SELECT * FROM notes;
            -- strata:test value
            -- strata:expect value 4
            SELECT count(*) FROM notes;
            -- strata:test error that does not come
            -- strata:expect error 42501
            SELECT 1;
            -- strata:test another error
            -- strata:expect error 42501
            SELECT * FROM missing_table;
            -- strata:test unexpected failure
            SELECT 1;
            SELECT nope FROM notes;
            """, on: fixture)
        let failures = results.map(\.failure)
        #expect(failures.map { $0?.message } == [
            "expected rows 2, got rows 3",
            "expected value 4, got value 3",
            "expected error 42501, got no error (rows 1)",
            "expected error 42501, got error 42P01: relation \"missing_table\" does not exist",
            "the statement failed: column \"nope\" does not exist",
        ])
        #expect(failures.map { $0?.location.line } == [3, 6, 9, 12, 15])
        #expect(failures.map { $0?.expected } == ["rows 2", "value 4", "error 42501", "error 42501", nil])
        #expect(failures.map { $0?.actual } == ["rows 3", "value 3", "no error (rows 1)", "error 42P01", "error 42703"])
    }

    @Test func roleAndClaimsDriveThePolicy() async throws {
        let fixture = try await Self.policyDatabase()
        defer { try? FileManager.default.removeItem(atPath: fixture.folder) }
        let results = try await run("""
            -- strata:test u1 sees own notes only
            -- strata:as strata_test_reader
            -- strata:claims {"sub":"u1","role":"authenticated"}
            -- strata:expect rows 2
            SELECT * FROM notes;
            -- strata:expect value u1
            SELECT current_setting('request.jwt.claims')::jsonb ->> 'sub';
            -- strata:expect value strata_test_reader
            SELECT current_user;
            -- strata:expect rows 0
            UPDATE notes SET body = 'x' WHERE owner = 'u2';
            -- strata:expect error 42501
            INSERT INTO notes VALUES ('u2', 'forged', 0);
            -- strata:claims {"sub":"u2"}
            -- strata:expect rows 1
            SELECT * FROM notes;

            -- strata:test claims and role do not leak into the next test
            -- strata:expect value postgres
            SELECT current_user;
            -- strata:expect value ''
            SELECT coalesce(current_setting('request.jwt.claim.sub', true), '');
            """, on: fixture)
        #expect(results.map(\.passed) == [true, true], "\(results.compactMap(\.failure))")
    }

    @Test func aMissingRoleFailsTheTestAtItsDirective() async throws {
        let fixture = try await Self.policyDatabase()
        defer { try? FileManager.default.removeItem(atPath: fixture.folder) }
        let results = try await run("SELECT 1;\n-- strata:as no_such_role_here\nSELECT 2;\n", on: fixture)
        let failure = try #require(results.first?.failure)
        #expect(failure.location.line == 2)
        #expect(failure.message.contains("cannot switch to role no_such_role_here"))
    }

    @Test func setupCreatesAMissingDatabaseAndResetRecreatesIt() async throws {
        let server = try await TemporaryPostgres.shared()
        var settings = server.server.connectionSettings(database: "strata_provisioned_\(UUID().uuidString.prefix(8).lowercased())")
        settings.connectTimeout = 5
        let logger = Logger(label: "strata-tests")
        #expect(try await DatabaseProvisioner.createIfMissing(settings, logger: logger))
        #expect(try await !DatabaseProvisioner.createIfMissing(settings, logger: logger))
        let session = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "provisioned", logger: logger)
        try await session.run("CREATE TABLE kept (id int)")
        await session.close()
        try await DatabaseProvisioner.recreate(settings, logger: logger)
        let again = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "provisioned", logger: logger)
        let rows = try await again.run("SELECT count(*)::int FROM pg_tables WHERE tablename = 'kept'")
        await again.close()
        #expect(try rows.first?.decode(Int.self) == 0)
        try await server.server.dropDatabase(settings.database)

        var maintenance = settings
        maintenance.database = "postgres"
        var refusal: StrataError?
        do throws(StrataError) {
            try await DatabaseProvisioner.recreate(maintenance, logger: logger)
        } catch {
            refusal = error
        }
        let code = refusal?.code
        let message = refusal?.message ?? ""
        #expect(code == .refused)
        #expect(message.contains("postgres"))
    }
}
