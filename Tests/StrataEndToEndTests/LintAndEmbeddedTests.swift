import Foundation
import StrataTesting
import Testing

/// `strata lint`, the lint gate of `migrate`, and the embedded default, through the built binary.
@Suite struct LintCommandTests {
    static let riskyIndex = """
        -- strata:up
        CREATE INDEX users_email ON users (email);
        -- strata:down
        DROP INDEX users_email;
        """

    @Test func lintReportsFindingsAndExitsSix() throws {
        let project = try ProjectFolder()
        try project.write("db/migrations/1_users.sql", "-- strata:up\nCREATE TABLE users (id bigint, email text);\n-- strata:down\nDROP TABLE users;")
        try project.write("db/migrations/2_idx.sql", Self.riskyIndex)
        let result = try StrataBinary.run(["lint"], in: project.path)
        #expect(result.status == 6, "\(result.output)")
        #expect(result.standardOutput.contains("db/migrations/2_idx.sql:2:8: error[require-concurrent-index-creation]"))
        #expect(result.standardOutput.contains("CREATE INDEX users_email ON users (email);"))

        let json = try StrataBinary.run(["lint", "--format", "json", "db/migrations/2_idx.sql"], in: project.path)
        #expect(json.status == 6)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule"] as? String == "require-concurrent-index-creation" })

        let github = try StrataBinary.run(["lint", "--format", "github", "db/migrations/2_idx.sql"], in: project.path)
        #expect(github.standardOutput.contains("::error file=db/migrations/2_idx.sql,line=2,col=8,title=require-concurrent-index-creation::"))

        let disabled = try StrataBinary.run(
            ["lint", "--disable", "require-concurrent-index-creation,require-concurrent-index-deletion", "db/migrations/2_idx.sql"],
            in: project.path)
        #expect(disabled.status == 0, "\(disabled.output)")

        let unknown = try StrataBinary.run(["lint", "--disable", "no-such-rule"], in: project.path)
        #expect(unknown.status == 2)

        // squawk's flag and rule ids.
        let excluded = try StrataBinary.run(
            ["lint", "--exclude", "require-concurrent-index-creation,require-concurrent-index-deletion", "db/migrations/2_idx.sql"],
            in: project.path)
        #expect(excluded.status == 0, "\(excluded.output)")
    }

    /// A comment-only file given as a path is linted (a migration may be empty on purpose), not refused with exit 2.
    @Test func commentOnlyFileIsLinted() throws {
        let project = try ProjectFolder()
        try project.write("db/migrations/3_nothing.up.sql", "-- intentionally empty: the data fix ran by hand\n")
        try project.write("db/migrations/4_empty.sql", "")
        let result = try StrataBinary.run(
            ["lint", "db/migrations/3_nothing.up.sql", "db/migrations/4_empty.sql"], in: project.path)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("no findings in 2 files"), "\(result.output)")
    }

    @Test func suppressedStatementPasses() throws {
        let project = try ProjectFolder()
        try project.write("db/migrations/2_idx.sql", """
            -- strata:lock-timeout 5s
            -- strata:statement-timeout 1min
            -- strata:up
            -- strata:nolint require-concurrent-index-creation
            CREATE INDEX users_email ON users (email);
            -- strata:down
            -- strata:nolint require-concurrent-index-deletion
            DROP INDEX users_email;
            """)
        let result = try StrataBinary.run(["lint"], in: project.path)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func migrateWarnsByDefaultAndRefusesWithEnforceLint() async throws {
        let server = try await TemporaryPostgres.shared()
        let url = server.url(for: try await server.makeDatabase(prefix: "lintgate"))
        let project = try ProjectFolder()
        try project.write("db/migrations/1_users.sql", "-- strata:up\nCREATE TABLE users (id bigint, email text);\n-- strata:down\nDROP TABLE users;")
        #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
        try project.write("db/migrations/2_idx.sql", Self.riskyIndex)
        // The same words as `strata lint`: error[rule], not "lint warning:".
        let enforced = try StrataBinary.run(["migrate", "--enforce-lint", "--database-url", url], in: project.path)
        #expect(enforced.status == 6, "\(enforced.output)")
        #expect(enforced.standardError.contains("db/migrations/2_idx.sql:2:8: error[require-concurrent-index-creation]"))
        #expect(enforced.standardError.contains("--enforce-lint"))
        #expect(!enforced.standardOutput.contains("applied"))
        // Without --verbose: one summary line, no finding lines.
        let warned = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(warned.status == 0, "\(warned.output)")
        #expect(warned.standardError.contains(
            "lint: 2 errors in 1 pending file; run 'strata lint' for details; errors stop 'migrate' only with --enforce-lint"),
            "\(warned.output)")
        #expect(!warned.standardError.contains("2_idx.sql:2:8"), "\(warned.output)")
        #expect(!warned.standardError.contains("lint warning:"))
        #expect(warned.standardOutput.contains("applied  2 idx"))
        // With --verbose: each finding as `strata lint` heads it.
        let other = server.url(for: try await server.makeDatabase(prefix: "lintgate"))
        let verbose = try StrataBinary.run(["migrate", "--verbose", "--database-url", other], in: project.path)
        #expect(verbose.status == 0, "\(verbose.output)")
        #expect(verbose.standardError.contains("db/migrations/2_idx.sql:2:8: error[require-concurrent-index-creation]"))
    }
}

@Suite struct EmbeddedDefaultTests {
    @Test func migrateWithoutURLStartsThePrivateServer() throws {
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "-- strata:up\nCREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;")
        defer { _ = try? StrataBinary.run(["dev", "stop"], in: project.path) }
        let migrate = try StrataBinary.run(["migrate"], in: project.path)
        #expect(migrate.status == 0, "\(migrate.output)")
        #expect(migrate.standardOutput.contains("applied  1 a"))
        #expect(FileManager.default.fileExists(atPath: project.path + "/.strata/postgres/data/PG_VERSION"))
        let status = try StrataBinary.run(["dev", "status"], in: project.path)
        #expect(status.standardOutput.contains("running"))
        let url = try StrataBinary.run(["dev", "url"], in: project.path)
        #expect(url.standardOutput.hasPrefix("postgres"))
        let again = try StrataBinary.run(["status", "--json"], in: project.path)
        #expect(again.standardOutput.contains("\"state\":\"applied\""), "\(again.output)")
        let stop = try StrataBinary.run(["dev", "stop"], in: project.path)
        #expect(stop.status == 0, "\(stop.output)")
        let stopped = try StrataBinary.run(["dev", "status"], in: project.path)
        #expect(stopped.standardOutput.contains("stopped"))
    }
}
