import Foundation
import Testing

/// `strata adopt`: a database another tool migrated is taken over without re-running anything.
@Suite struct AdoptTests {
    /// The flags every run of the Flyway fixture needs.
    static let placeholders = ["--placeholder", "app_name=shop", "--placeholder", "app_version=1.0"]

    func states(_ project: ProjectFolder, _ database: ToolDatabase) throws -> [String] {
        let result = try StrataBinary.run(
            ["status", "--json", "--database-url", database.url] + Self.placeholders, in: project.path)
        #expect(result.status == 0, "\(result.output)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return ((object?["migrations"] as? [[String: Any]]) ?? []).compactMap { $0["state"] as? String }
    }

    /// Applies the fixture up to `version` as the other tool would have (the schema objects exist, Strata's own
    /// history does not): through strata with a throw-away history schema that is dropped afterwards.
    func applyAsTheTool(_ project: ProjectFolder, _ database: ToolDatabase, upTo version: String) async throws {
        let result = try StrataBinary.run(
            ["migrate", "--to", version, "--schema", "tool_run", "--no-lint", "--database-url", database.url] + Self.placeholders,
            in: project.path)
        #expect(result.status == 0, "\(result.output)")
        try await database.run(["DROP SCHEMA tool_run CASCADE"])
    }

    /// Adopts, then checks status and that migrate applies only the last migration.
    func adoptAndMigrateTheRest(
        _ tool: String, _ project: ProjectFolder, _ database: ToolDatabase, total: Int, adopted: Int
    ) throws {
        let adopt = try StrataBinary.run(["adopt", "--from", tool, "--database-url", database.url] + Self.placeholders, in: project.path)
        #expect(adopt.status == 0, "\(tool): \(adopt.output)")
        #expect(adopt.standardOutput.contains("Adopted \(adopted) migration"), "\(tool): \(adopt.output)")
        #expect(try states(project, database) == Array(repeating: "applied", count: adopted) + Array(repeating: "pending", count: total - adopted), "\(tool)")
        let migrate = try StrataBinary.run(["migrate", "--no-lint", "--database-url", database.url] + Self.placeholders, in: project.path)
        #expect(migrate.status == 0, "\(tool): \(migrate.output)")
        #expect(migrate.standardOutput.contains("Applied \(total - adopted) migration"), "\(tool): \(migrate.output)")
        #expect(try states(project, database) == Array(repeating: "applied", count: total), "\(tool)")
    }

    @Test func flywayHistoryWithARepeatableAndAFailedRowRefused() async throws {
        let database = try await ToolDatabase.make()
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("flyway")
        try await applyAsTheTool(project, database, upTo: "1.10")
        // The table as Flyway creates it on PostgreSQL.
        try await database.run([
            """
            CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL, version VARCHAR(50), description VARCHAR(200) NOT NULL,
                type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL,
                installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL,
                CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank))
            """,
            """
            INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
            (1, '1', 'create users', 'SQL', 'V1__create_users.sql', NULL, 'app', 5, true),
            (2, '1.1', 'add email', 'SQL', 'V1.1__add_email.sql', NULL, 'app', 5, true),
            (3, '1.2', 'add status', 'SQL', 'V1.2__add_status.sql', NULL, 'app', 5, true),
            (4, '1.10', 'index email', 'SQL', 'sub/V1.10__index_email.sql', NULL, 'app', 5, true),
            (5, NULL, 'app version', 'SQL', 'R__app_version.sql', NULL, 'app', 5, true)
            """,
        ])
        let failed = try await ToolDatabase.make()
        try await failed.run([
            "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)",
            "INSERT INTO flyway_schema_history VALUES (1, '1', 'create users', 'SQL', 'V1__create_users.sql', NULL, 'app', now(), 5, false)",
        ])
        let refused = try StrataBinary.run(["adopt", "--from", "flyway", "--database-url", failed.url] + Self.placeholders, in: project.path)
        #expect(refused.status == 4, "\(refused.output)")
        #expect(refused.standardError.contains("V1__create_users.sql failed"))
        #expect(try states(project, failed) == Array(repeating: "pending", count: 5))

        let adopt = try StrataBinary.run(["adopt", "--from", "flyway", "--database-url", database.url] + Self.placeholders, in: project.path)
        #expect(adopt.status == 0, "\(adopt.output)")
        #expect(adopt.standardOutput.contains("Adopted 4 migrations from flyway_schema_history"))
        // Its Flyway checksum is unknown (NULL): Strata applies it again on the next migrate.
        #expect(adopt.standardError.contains("R__app_version"))
        let again = try StrataBinary.run(["adopt", "--from", "flyway", "--database-url", database.url] + Self.placeholders, in: project.path)
        #expect(again.status == 2)
        #expect(try states(project, database) == ["applied", "applied", "applied", "applied", "pending"])
        let migrate = try StrataBinary.run(["migrate", "--database-url", database.url] + Self.placeholders, in: project.path)
        #expect(migrate.status == 0, "\(migrate.output)")
        #expect(migrate.standardOutput.contains("Applied 1 migration and 1 repeatable"), "\(migrate.output)")
        let status = try StrataBinary.run(["status", "--database-url", database.url] + Self.placeholders, in: project.path)
        #expect(status.standardOutput.contains("repeatable R__app_version: applied"))
    }

    @Test func golangMigrateCurrentVersionAndDirtyRefused() async throws {
        let database = try await ToolDatabase.make()
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("golang-migrate")
        try await applyAsTheTool(project, database, upTo: "3")
        try await database.run([
            "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL, dirty boolean NOT NULL, PRIMARY KEY (version))",
            "INSERT INTO schema_migrations (version, dirty) VALUES (3, true)",
        ])
        let dirty = try StrataBinary.run(["adopt", "--from", "golang-migrate", "--database-url", database.url], in: project.path)
        #expect(dirty.status == 4)
        #expect(dirty.standardError.contains("version 3 is dirty"))
        #expect(dirty.standardError.contains("migrate force"))
        try await database.run(["UPDATE schema_migrations SET dirty = false"])
        try adoptAndMigrateTheRest("golang-migrate", project, database, total: 4, adopted: 3)
    }

    @Test func dbmateHistory() async throws {
        let database = try await ToolDatabase.make()
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("dbmate")
        try await applyAsTheTool(project, database, upTo: "20240101000003")
        try await database.run([
            "CREATE TABLE IF NOT EXISTS schema_migrations (version character varying(128) NOT NULL PRIMARY KEY)",
            "INSERT INTO schema_migrations (version) VALUES ('20240101000001'), ('20240101000002'), ('20240101000003')",
        ])
        try adoptAndMigrateTheRest("dbmate", project, database, total: 4, adopted: 3)
    }

    @Test func gooseHistoryWithARolledBackVersion() async throws {
        let database = try await ToolDatabase.make()
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("goose")
        try await applyAsTheTool(project, database, upTo: "00003")
        // Rows as goose writes them: version 0 at creation; 3 applied, rolled back and applied again.
        try await database.run([
            """
            CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
                tstamp timestamp NULL default now(), PRIMARY KEY(id))
            """,
            """
            INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), (3, true), (3, false),
                (3, true)
            """,
        ])
        try adoptAndMigrateTheRest("goose", project, database, total: 4, adopted: 3)
    }

    @Test func sqlMigrateHistoryWrittenByTheRealBinary() async throws {
        let database = try await ToolDatabase.make()
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("sql-migrate")
        try project.write("dbconfig.yml", """
            test:
              dialect: postgres
              datasource: host=\(database.settings.host) port=\(database.settings.port) user=\(database.settings.user) dbname=\(database.settings.database) sslmode=disable
              dir: db/migrations
            """)
        let (status, output) = try ToolPaths.run(
            ToolPaths.sqlMigrate, ["up", "-config=dbconfig.yml", "-env=test", "-limit=3"], in: project.path)
        #expect(status == 0, "\(output)")
        try adoptAndMigrateTheRest("sql-migrate", project, database, total: 4, adopted: 3)
    }

    @Test func dieselHistory() async throws {
        let database = try await ToolDatabase.make()
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("diesel")
        try await applyAsTheTool(project, database, upTo: "20240116100000")
        try await database.run([
            """
            CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,
                run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)
            """,
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20240115093000'), ('20240116100000')",
        ])
        try adoptAndMigrateTheRest("diesel", project, database, total: 4, adopted: 3)
    }

    @Test func adoptWritesOneEventAndKeepsTheToolsTable() async throws {
        let database = try await ToolDatabase.make()
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("dbmate")
        try await applyAsTheTool(project, database, upTo: "20240101000001")
        try await database.run([
            "CREATE TABLE schema_migrations (version character varying(128) NOT NULL PRIMARY KEY)",
            "INSERT INTO schema_migrations (version) VALUES ('20240101000001'), ('20249999999999')",
        ])
        let unknown = try StrataBinary.run(["adopt", "--from", "dbmate", "--database-url", database.url], in: project.path)
        #expect(unknown.status == 4)
        #expect(unknown.standardError.contains("no file in the folder: 20249999999999"))
        try await database.run(["DELETE FROM schema_migrations WHERE version = '20249999999999'"])
        let adopt = try StrataBinary.run(["adopt", "--from", "dbmate", "--database-url", database.url], in: project.path)
        #expect(adopt.status == 0, "\(adopt.output)")
        #expect(try await database.strings(
            "SELECT action || ':' || outcome || ':' || detail FROM strata.events WHERE version IS NULL OR action = 'adopt' AND name = 'dbmate'")
            == ["adopt:adopted:1 migration(s) and 0 repeatable(s) from schema_migrations"])
        #expect(try await database.strings(
            "SELECT version || ':' || state FROM strata.schema_history") == ["20240101000001:applied"])
        #expect(try await database.strings("SELECT version FROM schema_migrations") == ["20240101000001"])
    }
}
