import Logging
import StrataPostgres
import Foundation
import StrataTesting
import Testing

/// The built `strata` binary, run the way a user runs it, against a real PostgreSQL.
@Suite struct CommandLineTests {
    func database() async throws -> String {
        let server = try await TemporaryPostgres.shared()
        return server.url(for: try await server.makeDatabase(prefix: "e2e"))
    }

    func statusStates(_ project: ProjectFolder, url: String) throws -> [String] {
        let result = try StrataBinary.run(["status", "--json", "--database-url", url], in: project.path)
        #expect(result.status == 0, "\(result.output)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let migrations = object?["migrations"] as? [[String: Any]] ?? []
        return migrations.compactMap { $0["state"] as? String }
    }

    @Test func eventsExampleUpgradesSkipsVectorAndRollsBackToZero() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.copyMigrations(from: "Examples/events/db/migrations")
        let backfill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/events/db/backfills/fill_hash_input.sql")
        try project.write("db/backfills/fill_hash_input.sql", try String(contentsOf: backfill, encoding: .utf8))
        let migrate = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(migrate.status == 0, "\(migrate.output)")
        #expect(migrate.standardOutput.components(separatedBy: "applied ").count - 1 == 7)
        #expect(migrate.standardOutput.contains("skipped  20251102120500 v2_knowledge_embeddings: extension 'vector' is not available"))
        #expect(try statusStates(project, url: url) == ["applied", "applied", "applied", "applied", "applied", "applied", "skipped", "applied"])

        let noop = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(noop.status == 0)
        #expect(noop.standardOutput.contains("skipped") || noop.standardOutput.contains("up to date"))

        let rollback = try StrataBinary.run(["rollback", "--to", "0", "--database-url", url], in: project.path)
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.standardOutput.components(separatedBy: "reverted").count - 1 == 7)
        #expect(try statusStates(project, url: url) == Array(repeating: "pending", count: 8))

        let again = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(again.status == 0, "\(again.output)")
    }

    @Test func failingMigrationExitsOneNamingFileLineAndSQLState() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_ok.sql", "CREATE TABLE ok (id int);")
        try project.write("db/migrations/2_bad.sql", "-- strata:up\nCREATE TABLE b (id int);\nSELECT nope FROM ok;\n")
        let result = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(result.status == 1)
        #expect(result.standardError.contains("db/migrations/2_bad.sql:3:8: column \"nope\" does not exist (SQLSTATE 42703)"))
        #expect(result.standardOutput.contains("applied  1 ok"))
        #expect(try statusStates(project, url: url) == ["applied", "pending"])
    }

    @Test func exitCodesForUsageConnectionAndPending() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);")

        let badURL = try StrataBinary.run(["status", "--database-url", "postgres://u:secret@host:notaport/db"], in: project.path)
        #expect(badURL.status == 2, "\(badURL.output)")
        #expect(!badURL.output.contains("secret"))

        let unreachable = try StrataBinary.run(
            ["status", "--database-url", "postgres://u:secret@127.0.0.1:1/db?connect_timeout=2"], in: project.path)
        #expect(unreachable.status == 3, "\(unreachable.output)")
        #expect(!unreachable.output.contains("secret"))

        let badFlag = try StrataBinary.run(["migrate", "--no-such-flag"], in: project.path)
        #expect(badFlag.status == 2)

        let missingDir = try StrataBinary.run(["status", "--dir", "nowhere", "--database-url", url], in: project.path)
        #expect(missingDir.status == 2)
        #expect(missingDir.standardError.contains("nowhere"))

        let pending = try StrataBinary.run(["status", "--exit-code", "--database-url", url], in: project.path)
        #expect(pending.status == 4)
        #expect(pending.standardOutput.contains("1 pending"))

        let migrate = try StrataBinary.run(["migrate"], in: project.path, environment: ["DATABASE_URL": url])
        #expect(migrate.status == 0, "\(migrate.output)")
        let clean = try StrataBinary.run(["status", "--exit-code", "--database-url", url], in: project.path)
        #expect(clean.status == 0)
    }

    @Test func globalOptionsBeforeTheSubcommandAndUnknownTargets() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "-- strata:up\nCREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;")
        let migrate = try StrataBinary.run(["--database-url", url, "--quiet", "migrate"], in: project.path)
        #expect(migrate.status == 0, "\(migrate.output)")
        #expect(migrate.standardOutput.isEmpty)
        let unknown = try StrataBinary.run(["rollback", "--to", "999", "--database-url", url], in: project.path)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no migration has this version"))
        #expect(try statusStates(project, url: url) == ["applied"])
    }

    @Test func validateReportsAnEditedFileWithBothChecksums() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        let path = try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
        try "CREATE TABLE a (id int);\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try StrataBinary.run(["validate", "--database-url", url], in: project.path).status == 0)
        try "CREATE TABLE a (id bigint);\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try StrataBinary.run(["validate", "--database-url", url], in: project.path)
        #expect(result.status == 4)
        #expect(result.standardError.contains("1 a: changed since it was applied (recorded "))
        let migrate = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(migrate.status == 4)
    }

    @Test func dryRunPrintsStatementsAndChangesNothing() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "-- strata:up\nCREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;")
        let result = try StrataBinary.run(["migrate", "--dry-run", "--database-url", url], in: project.path)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("CREATE TABLE a (id int);"))
        #expect(try statusStates(project, url: url) == ["pending"])
    }

    @Test func initAndNewScaffoldAMigrationThatApplies() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        #expect(try StrataBinary.run(["init"], in: project.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.path + "/strata.toml"))
        let created = try StrataBinary.run(["new", "Add users table"], in: project.path)
        #expect(created.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: project.path + "/db/migrations")
        let file = try #require(files.first { $0.hasSuffix("_add_users_table.sql") })
        let path = project.path + "/db/migrations/" + file
        let template = try String(contentsOfFile: path, encoding: .utf8)
        try template.replacingOccurrences(of: "-- strata:up\n", with: "-- strata:up\nCREATE TABLE users (id int);\n")
            .replacingOccurrences(of: "-- strata:down\n", with: "-- strata:down\nDROP TABLE users;\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let migrate = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(migrate.status == 0, "\(migrate.output)")
        let redo = try StrataBinary.run(["redo", "--database-url", url], in: project.path)
        #expect(redo.status == 0, "\(redo.output)")
        #expect(redo.standardOutput.contains("reverted") && redo.standardOutput.contains("applied"))
    }

    @Test func psqlMetaCommandIsRefusedWithFileAndLine() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n\\i other.sql\n")
        let result = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardError.contains("db/migrations/1_a.sql:2:1"))
    }

    @Test func eightProcessesMigrateFiftyFilesExactlyOnce() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        for index in 1...50 {
            try project.write("db/migrations/\(index)_t\(index).sql", "CREATE TABLE t\(index) (id int);\nINSERT INTO t\(index) VALUES (\(index));")
        }
        let results = try await withThrowingTaskGroup(of: StrataBinary.Result.self) { group in
            for _ in 0..<8 {
                group.addTask { try StrataBinary.run(["migrate", "--database-url", url], in: project.path) }
            }
            var all: [StrataBinary.Result] = []
            for try await result in group { all.append(result) }
            return all
        }
        for result in results { #expect(result.status == 0, "\(result.output)") }
        let appliedLines = results.map { $0.standardOutput.components(separatedBy: "applied ").count - 1 }.reduce(0, +)
        #expect(appliedLines == 50)
        #expect(try statusStates(project, url: url) == Array(repeating: "applied", count: 50))
    }
}

/// Authentication failures: exit 3, and the password never printed.
@Suite struct AuthenticationTests {
    @Test func wrongPasswordExitsThreeWithoutEchoingIt() async throws {
        let server = try await TemporaryPostgres.shared()
        let admin = server.url(for: try await server.makeDatabase(prefix: "auth"))
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "SELECT 1;")
        // Require a password for one role on the test server's socket.
        let hba = server.server.dataDirectory + "/pg_hba.conf"
        let original = try String(contentsOfFile: hba, encoding: .utf8)
        if !original.contains("strata_password_user") {
            try ("local all strata_password_user scram-sha-256\n" + original).write(toFile: hba, atomically: true, encoding: .utf8)
        }
        try project.write("setup.sql", """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strata_password_user') THEN
                CREATE ROLE strata_password_user LOGIN PASSWORD 'right-password';
              END IF;
            END $$;
            SELECT pg_reload_conf();
            """)
        try FileManager.default.createDirectory(atPath: project.path + "/setup-dir", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: project.path + "/setup.sql", toPath: project.path + "/setup-dir/1_setup.sql")
        let created = try StrataBinary.run(["migrate", "--dir", "setup-dir", "--database-url", admin], in: project.path)
        #expect(created.status == 0, "\(created.output)")

        let secret = "p%40ss%3Aw%2Frd%25Secret"  // p@ss:w/rd%Secret
        var wrong = URLComponents(string: admin)
        wrong?.user = "strata_password_user"
        wrong?.percentEncodedPassword = secret
        let url = try #require(wrong?.string)
        let result = try StrataBinary.run(["status", "--database-url", url], in: project.path)
        #expect(result.status == 3, "\(result.output)")
        #expect(result.standardError.contains("password authentication failed"))
        #expect(!result.output.contains("Secret"))
        #expect(!result.output.contains("w/rd") && !result.output.contains("w%2Frd"))

        let verbose = try StrataBinary.run(["status", "--verbose", "--database-url", url], in: project.path)
        #expect(verbose.status == 3)
        #expect(!verbose.output.contains("Secret"))
    }
}

/// Exit 5: another run holds the migration lock for longer than `--lock-wait`.
@Suite struct LockWaitTests {
    @Test func lockWaitExpiresWithExitFiveNamingTheHolder() async throws {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: "lockwait")
        let url = server.url(for: settings)
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);")
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let holder = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "test", logger: logger)
        let key = MigrationLock(schema: "strata").key
        try await holder.run("SELECT pg_advisory_lock(\(key))")
        let blocked = try StrataBinary.run(["migrate", "--lock-wait", "500ms", "--database-url", url], in: project.path)
        try await holder.run("SELECT pg_advisory_unlock(\(key))")
        await holder.close()
        #expect(blocked.status == 5, "\(blocked.output)")
        #expect(blocked.standardError.contains("waiting for the migration lock held by pid "))
        let free = try StrataBinary.run(["migrate", "--lock-wait", "500ms", "--database-url", url], in: project.path)
        #expect(free.status == 0, "\(free.output)")
    }
}
