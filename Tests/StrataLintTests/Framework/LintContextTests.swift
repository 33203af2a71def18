import StrataLint
import Testing

/// The linter knows how Strata will run the file and on which PostgreSQL.
@Suite struct LintContextTests {
    @Test func indexOnTableCreatedEarlierInTheFileIsSafe() throws {
        let rules: Set<String> = ["require-concurrent-index-creation"]
        #expect(try lint("CREATE TABLE t (a int);\nCREATE INDEX ON t (a);", rules: rules).isEmpty)
        #expect(try lint("CREATE TABLE public.t (a int);\nCREATE INDEX ON t (a);", rules: rules).isEmpty)
        // Created after the index, or in another schema: not the same table as far as the file shows.
        #expect(try lint("CREATE INDEX ON t (a);\nCREATE TABLE t (a int);", rules: rules) == [
            "require-concurrent-index-creation@1"
        ])
        #expect(try lint("CREATE TABLE a.t (a int);\nCREATE INDEX ON b.t (a);", rules: rules) == [
            "require-concurrent-index-creation@2"
        ])
    }

    @Test func tableCreatedInUpDoesNotCoverDown() throws {
        let text = """
            -- strata:up
            CREATE TABLE t (a int);
            -- strata:down
            CREATE INDEX t_a ON t (a);
            """
        #expect(try lint(text, rules: ["require-concurrent-index-creation"]) == ["require-concurrent-index-creation@4"])
    }

    @Test func concurrentlyIsFlaggedOnlyWhereItRunsInATransaction() throws {
        let rules: Set<String> = ["ban-concurrent-index-creation-in-transaction", "require-concurrent-index-creation"]
        let statement = "CREATE INDEX CONCURRENTLY i ON t (a);"
        #expect(try lint(statement, rules: rules) == ["ban-concurrent-index-creation-in-transaction@1"])
        #expect(try lint("-- strata:no-transaction\n" + statement, rules: rules).isEmpty)
        #expect(
            try lint("-- strata:no-transaction\nBEGIN;\n\(statement)\nCOMMIT;", rules: rules) == [
                "ban-concurrent-index-creation-in-transaction@3"
            ])
        #expect(try lint("-- strata:no-transaction\nSTART TRANSACTION;\nROLLBACK;\n\(statement)", rules: rules).isEmpty)
    }

    @Test func constantDefaultIsSafeFromPostgres11() throws {
        let text = "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;"
        let rules: Set<String> = ["adding-field-with-default"]
        #expect(try lint(text, rules: rules, postgres: 10) == ["adding-field-with-default@1"])
        #expect(try lint(text, rules: rules, postgres: 11).isEmpty)
        #expect(try lint(text, rules: rules, postgres: 12).isEmpty)
        #expect(try lint(text, rules: rules, postgres: 15).isEmpty)
    }

    @Test func volatileDefaultIsFlaggedOnEveryVersion() throws {
        let text = "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();"
        for version in [10, 11, 12, 15] {
            #expect(try lint(text, rules: ["adding-field-with-default"], postgres: version) == [
                "adding-field-with-default@1"
            ])
        }
    }

    @Test func setNotNullAfterValidatedCheckIsCheapFromPostgres12() throws {
        let text = """
            ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;
            ALTER TABLE users VALIDATE CONSTRAINT email_nn;
            ALTER TABLE users ALTER COLUMN email SET NOT NULL;
            """
        let rules: Set<String> = ["adding-not-nullable-field"]
        #expect(try lint(text, rules: rules, postgres: 10) == ["adding-not-nullable-field@3"])
        #expect(try lint(text, rules: rules, postgres: 11) == ["adding-not-nullable-field@3"])
        #expect(try lint(text, rules: rules, postgres: 12).isEmpty)
        #expect(try lint(text, rules: rules, postgres: 15).isEmpty)
        // A check on another column or table proves nothing.
        let otherColumn = text.replacingOccurrences(of: "SET NOT NULL", with: "SET NOT NULL, ALTER phone SET NOT NULL")
        #expect(try lint(otherColumn, rules: rules, postgres: 15) == ["adding-not-nullable-field@3"])
        let otherTable = text.replacingOccurrences(of: "TABLE users ALTER", with: "TABLE accounts ALTER")
        #expect(try lint(otherTable, rules: rules, postgres: 15) == ["adding-not-nullable-field@3"])
    }

    @Test func helpDependsOnTheVersion() throws {
        let text = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
        let old = try #require(try findings(text, rules: ["adding-not-nullable-field"], postgres: 11).first)
        let new = try #require(try findings(text, rules: ["adding-not-nullable-field"], postgres: 12).first)
        #expect(old.help.contains("before PostgreSQL 12"))
        #expect(new.help.contains("VALIDATE CONSTRAINT"))
    }

    @Test func timeoutsSetInTheFileOrByDirective() throws {
        let rules: Set<String> = ["require-lock-timeout", "require-statement-timeout"]
        let alter = "ALTER TABLE users ADD COLUMN x int;"
        #expect(try lint(alter, rules: rules) == ["require-lock-timeout@1", "require-statement-timeout@1"])
        #expect(try lint("SET lock_timeout = '5s';\nSET statement_timeout = '1min';\n" + alter, rules: rules).isEmpty)
        #expect(
            try lint("-- strata:lock-timeout 5s\n-- strata:statement-timeout 1min\n" + alter, rules: rules).isEmpty)
        // Set after the statement: too late.
        #expect(try lint(alter + "\nSET lock_timeout = '5s';", rules: ["require-lock-timeout"]) == [
            "require-lock-timeout@1"
        ])
        // SET LOCAL lasts until the file's own COMMIT in a non-transactional file.
        let local = "-- strata:no-transaction\nBEGIN;\nSET LOCAL lock_timeout = '5s';\nCOMMIT;\n" + alter
        #expect(try lint(local, rules: ["require-lock-timeout"]) == ["require-lock-timeout@5"])
        #expect(try lint("RESET ALL;\n" + alter, rules: ["require-lock-timeout"]) == ["require-lock-timeout@2"])
    }

    @Test func runnerDefaultsSatisfyTimeoutRules() throws {
        let up = try Fixture.lintFile(path: "t.sql", text: "ALTER TABLE users ADD COLUMN x int;").up
        let file = LintFile(
            path: "t.sql", up: up.map(\.statement), down: nil, lockTimeoutAppliedByRunner: true,
            statementTimeoutAppliedByRunner: true)
        let linter = Linter(configuration: LintConfiguration(onlyRules: ["require-lock-timeout", "require-statement-timeout"]))
        #expect(linter.lint(file).isEmpty)
    }

    @Test func downSectionInAnotherFileIsReportedThere() throws {
        let up = try Fixture.lintFile(path: "1_x.up.sql", text: "SELECT 1;").up.map(\.statement)
        let down = try Fixture.lintFile(path: "1_x.down.sql", text: "DROP INDEX users_email_idx;").up.map(\.statement)
        let file = LintFile(path: "1_x.up.sql", up: up, down: down, downPath: "1_x.down.sql")
        let linter = Linter(configuration: LintConfiguration(onlyRules: ["require-concurrent-index-deletion"]))
        let finding = try #require(linter.lint(file).first)
        #expect(finding.path == "1_x.down.sql" && finding.section == .down && finding.line == 1)
    }

    @Test func configurationDisablesRulesAndChangesSeverity() throws {
        let text = "CREATE INDEX i ON t (a);"
        #expect(try lint(text, disabled: ["require-concurrent-index-creation"]).contains { $0.hasPrefix("require-concurrent") } == false)
        let configuration = LintConfiguration(
            onlyRules: ["require-concurrent-index-creation"],
            severityOverrides: ["require-concurrent-index-creation": .warning])
        let report = Linter(configuration: configuration).lint([try Fixture.lintFile(path: "t.sql", text: text)])
        #expect(report.findings.map(\.severity) == [.warning])
        #expect(!report.hasErrors && report.warningCount == 1)
    }
}
