import Foundation
import StrataTesting
import Testing

/// What a hostile test pass broke (issue 11), through the built binary: each case a user would see, with its exit
/// status and the file:line it names.
@Suite struct HostileInputTests {
    func database() async throws -> String {
        let server = try await TemporaryPostgres.shared()
        return server.url(for: try await server.makeDatabase(prefix: "e2e_hostile"))
    }

    @Test func aTestFileThatEndsItsTransactionIsRefusedAndDeletesNothing() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_rows.sql", "CREATE TABLE rows_kept (id int);\nINSERT INTO rows_kept VALUES (1), (2), (3);")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
        try project.write("db/tests/anon.sql", """
            -- strata:test anon cannot delete
            END;
            -- strata:expect rows 0
            DELETE FROM rows_kept;
            """)
        let refused = try StrataBinary.run(["test", "--database-url", url], in: project.path)
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.standardError.contains("db/tests/anon.sql:2:1"))
        #expect(refused.standardError.contains("'END' cannot run in a test"))

        try project.write("db/tests/anon.sql", "-- strata:expect value 3\nSELECT count(*) FROM rows_kept;\n")
        let count = try StrataBinary.run(["test", "--database-url", url], in: project.path)
        #expect(count.status == 0, "\(count.output)")
    }

    @Test func aNulByteIsAFileErrorNotAProtocolError() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_nul.sql", "CREATE TABLE n (id int);\nINSERT INTO n VALUES (1); -- \u{0}\n")
        let result = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.standardError.contains("db/migrations/1_nul.sql:2:"))
        #expect(result.standardError.contains("NUL byte"))
        #expect(!result.output.contains("08P01"))
    }

    @Test func copyToStdoutIsRefusedLikeCopyFromStdin() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_copy.sql", "CREATE TABLE c (id int);\n\nCOPY c TO STDOUT;\n")
        let result = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.standardError.contains("db/migrations/1_copy.sql:3:1"))
        #expect(result.standardError.contains("COPY … TO STDOUT cannot run"))
    }

    @Test func aPgDumpBaselineWithRestrictLinesApplies() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_baseline.sql", """
            --
            -- PostgreSQL database dump
            --

            \\restrict Qw3rTy9uIoPaSdFgHjKl

            SET statement_timeout = 0;
            CREATE TABLE public.dumped (id integer);

            \\unrestrict Qw3rTy9uIoPaSdFgHjKl

            """)
        let result = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(result.status == 0, "\(result.output)")
        try project.write("db/migrations/2_other.sql", "\\connect other\n")
        let refused = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("db/migrations/2_other.sql:1:1"))
    }

    @Test func schemaEmptyOrPublicIsAUsageError() async throws {
        let project = try ProjectFolder()
        for name in ["", "public"] {
            let result = try StrataBinary.run(["status", "--schema", name, "--database-url", "postgres://u@127.0.0.1:1/x"], in: project.path)
            #expect(result.status == 2, "\(result.output)")
            #expect(result.standardError.contains("--schema: '\(name)' is not"))
        }
    }

    @Test func anUnknownOrMistypedSettingInStrataTomlIsRefused() async throws {
        let project = try ProjectFolder()
        try project.write("strata.toml", "migrations_dir = \"db/migrations\"\nstatment_timeout = \"1min\"\n")
        let unknown = try StrataBinary.run(["status"], in: project.path)
        #expect(unknown.status == 2, "\(unknown.output)")
        #expect(unknown.standardError.contains("strata.toml:2: unknown setting 'statment_timeout'"))
        #expect(unknown.standardError.contains("did you mean 'statement_timeout'?"))
        try project.write("strata.toml", "schema = 5\n")
        let mistyped = try StrataBinary.run(["status"], in: project.path)
        #expect(mistyped.status == 2)
        #expect(mistyped.standardError.contains("strata.toml:1: 'schema' must be a string, not a number"))
        #expect(!FileManager.default.fileExists(atPath: project.path + "/.strata"))
    }

    @Test func aFolderNamedLikeAMigrationIsAnError() async throws {
        let project = try ProjectFolder()
        try project.write("db/migrations/1_dir.sql/inner.sql", "SELECT 1;")
        let result = try StrataBinary.run(["status", "--database-url", "postgres://u@127.0.0.1:1/x"], in: project.path)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.standardError.contains("1_dir.sql' is a folder named like a migration file"))
    }

    @Test func newRefusesANameTooLongForAFile() throws {
        let project = try ProjectFolder()
        let result = try StrataBinary.run(["new", String(repeating: "a", count: 300)], in: project.path)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.standardError.contains("more than the 255 a file system allows"))
        #expect(!result.output.contains("NSCocoaErrorDomain"))
    }

    @Test func severalNewInOneSecondGetIncreasingRealTimes() throws {
        let project = try ProjectFolder()
        for index in 0..<4 {
            #expect(try StrataBinary.run(["new", "step \(index)"], in: project.path).status == 0)
        }
        let versions = try FileManager.default.contentsOfDirectory(atPath: project.path + "/db/migrations")
            .map { String($0.prefix(14)) }.sorted()
        #expect(Set(versions).count == 4)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        formatter.isLenient = false
        for version in versions {
            let date = try #require(formatter.date(from: version), "\(version) is not a real time")
            #expect(formatter.string(from: date) == version)
        }
    }

    @Test func newFollowsTheFolderWidthAndAMixedFolderIsWarnedAbout() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/202612041700_x.sql", "-- strata:up\nSELECT 1;\n")
        let created = try StrataBinary.run(["new", "y"], in: project.path)
        #expect(created.status == 0, "\(created.output)")
        let names = try FileManager.default.contentsOfDirectory(atPath: project.path + "/db/migrations").sorted()
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.prefix { $0 != "_" }.count == 12 }, "\(names)")
        for name in names { try project.write("db/migrations/" + name, "-- strata:up\nSELECT 1;\n") }
        try project.write("db/migrations/20261204164255_z.sql", "-- strata:up\nSELECT 1;\n")
        let status = try StrataBinary.run(["status", "--database-url", url], in: project.path)
        #expect(status.status == 0, "\(status.output)")
        #expect(status.standardError.contains("warning: the migrations folder mixes version widths: 12 digits"))
    }

    @Test func anyPGVariableChoosesTheConfiguredServerNotTheEmbeddedOne() throws {
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "SELECT 1;")
        let refused = try StrataBinary.run(["status"], in: project.path, environment: ["PGUSER": "app", "PGPORT": "1"])
        #expect(refused.status == 3, "\(refused.output)")
        #expect(refused.standardError.contains("cannot connect to the server postgres://app@localhost:1/app"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: project.path + "/.strata/postgres"))
        let badMode = try StrataBinary.run(["status"], in: project.path, environment: ["PGSSLMODE": "nope"])
        #expect(badMode.status == 2, "\(badMode.output)")
        #expect(badMode.standardError.contains("invalid sslmode 'nope' in PGSSLMODE"))
        let url = try StrataBinary.run(["dev", "url"], in: project.path, environment: ["PGPASSWORD": "s3cret"])
        #expect(url.status == 0)
        #expect(url.standardError.contains("PGPASSWORD configures another database"))
        #expect(!url.output.contains("s3cret"))
    }

    @Test func rollbackTakesAPositionalVersionAsTo() async throws {
        let url = try await database()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "-- strata:up\nCREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;\n")
        try project.write("db/migrations/2_b.sql", "-- strata:up\nCREATE TABLE b (id int);\n-- strata:down\nDROP TABLE b;\n")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
        let rollback = try StrataBinary.run(["rollback", "1", "--database-url", url], in: project.path)
        #expect(rollback.status == 0, "\(rollback.output)")
        let status = try StrataBinary.run(["status", "--json", "--database-url", url], in: project.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any])
        #expect(object["current_version"] as? String == "1")
    }

    @Test func aMissingDatabaseHintsAtStrataSetup() async throws {
        let server = try await TemporaryPostgres.shared()
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "SELECT 1;")
        let result = try StrataBinary.run(["status", "--database-url", server.url(for: "e2e_never_created")], in: project.path)
        #expect(result.status == 3, "\(result.output)")
        #expect(result.standardError.contains("(SQLSTATE 3D000)"))
        #expect(result.standardError.contains("hint: run 'strata setup' to create it"))
    }
}

/// What a person reads on standard error: plain sentences, or log lines when asked.
@Suite struct LogFormatTests {
    @Test func warningsArePlainSentencesOrLogLinesAsAsked() async throws {
        let server = try await TemporaryPostgres.shared()
        let url = server.url(for: try await server.makeDatabase(prefix: "logformat"))
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id bigint);\n")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
        try FileManager.default.removeItem(atPath: project.path + "/db/migrations/1_a.sql")
        try project.write("db/migrations/2_b.sql", "CREATE TABLE b (id bigint);\n")
        let plain = try StrataBinary.run(["migrate", "--no-lint", "--log-format", "plain", "--database-url", url], in: project.path)
        #expect(plain.status == 0, "\(plain.output)")
        #expect(plain.standardError.split(separator: "\n").contains { $0.hasPrefix("warning: 1 a") }, "\(plain.standardError)")
        #expect(!plain.standardError.contains("[StrataCore]"))
        try project.write("db/migrations/3_c.sql", "CREATE TABLE c (id bigint);\n")
        let log = try StrataBinary.run(["migrate", "--no-lint", "--log-format", "log", "--database-url", url], in: project.path)
        #expect(log.standardError.contains("warning strata: [StrataCore] 1 a"), "\(log.standardError)")
        let bad = try StrataBinary.run(["status", "--log-format", "xml", "--database-url", url], in: project.path)
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("--log-format: 'xml' is not a log format"), "\(bad.standardError)")
    }
}
