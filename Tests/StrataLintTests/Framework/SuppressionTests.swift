import StrataLint
import Testing

@Suite struct SuppressionTests {
    static let rules: Set<String> = ["require-concurrent-index-creation", "require-concurrent-index-deletion"]

    @Test func commentOnTheLineBeforeSuppressesThatStatementOnly() throws {
        let text = """
            SELECT 1;
            -- strata:nolint require-concurrent-index-creation
            CREATE INDEX a ON t (a);
            CREATE INDEX b ON t (b);
            """
        #expect(try lint(text, rules: Self.rules) == ["require-concurrent-index-creation@4"])
    }

    @Test func severalRulesAndBlankLinesBetweenCommentAndStatement() throws {
        let text = """
            SELECT 1;
            -- strata:nolint require-concurrent-index-creation, require-lock-timeout

            -- users is tiny
            CREATE INDEX a ON t (a);
            """
        #expect(try lint(text, rules: Self.rules.union(["require-lock-timeout"])) == [])
    }

    @Test func commentBeforeTheFirstStatementCoversTheWholeFile() throws {
        let text = """
            -- strata:nolint require-concurrent-index-creation
            -- strata:up
            CREATE INDEX a ON t (a);
            CREATE INDEX b ON t (b);
            DROP INDEX c;
            -- strata:down
            CREATE INDEX c ON t (c);
            """
        #expect(try lint(text, rules: Self.rules) == ["require-concurrent-index-deletion@5"])
    }

    @Test func trailingCommentOnTheStatementsLastLineSuppressesIt() throws {
        let text = """
            SELECT 1;
            CREATE INDEX a ON t (a); -- strata:nolint require-concurrent-index-creation
            CREATE INDEX b ON t (b);
            """
        #expect(try lint(text, rules: Self.rules) == ["require-concurrent-index-creation@3"])
    }

    @Test func bareNolintSuppressesEveryRule() throws {
        let text = "SELECT 1;\n-- strata:nolint\nDROP INDEX a;"
        #expect(try lint(text, rules: Self.rules.union(["require-lock-timeout"])) == [])
    }

    @Test func unusedSuppressionIsReportedAtTheComment() throws {
        let text = """
            SELECT 1;
            -- strata:nolint require-concurrent-index-creation,require-concurrent-index-deletion
            DROP INDEX a;
            """
        let found = try findings(text, rules: Self.rules)
        #expect(found.map { "\($0.ruleID)@\($0.line):\($0.column)" } == ["unused-suppression@2:1"])
        #expect(found.first?.message.contains("'require-concurrent-index-creation'") == true)
        #expect(found.first?.severity == .warning)
    }

    @Test func unknownRuleIDIsReported() throws {
        let found = try findings("SELECT 1;\n-- strata:nolint require-concurent-index-creation\nSELECT 2;", rules: Self.rules)
        #expect(found.map(\.ruleID) == ["unused-suppression"])
        #expect(found.first?.message.contains("not a Strata lint rule") == true)
    }

    @Test func unusedFileWideSuppressionIsReported() throws {
        let found = try findings("-- strata:nolint require-concurrent-index-deletion\nCREATE INDEX CONCURRENTLY a ON t (a);", rules: Self.rules)
        #expect(found.map { "\($0.ruleID)@\($0.line)" } == ["unused-suppression@1"])
        #expect(found.first?.message.contains("file-wide") == true)
    }

    @Test func suppressionOfADisabledRuleIsNotReported() throws {
        let text = "SELECT 1;\n-- strata:nolint require-lock-timeout\nALTER TABLE t ADD c bigint;"
        #expect(try lint(text, rules: Self.rules).isEmpty)
        #expect(try lint(text, disabled: ["require-lock-timeout", "require-statement-timeout", "migration-without-down"]).isEmpty)
    }

    @Test func unusedSuppressionCanItselfBeSwitchedOff() throws {
        let text = "SELECT 1;\n-- strata:nolint require-concurrent-index-creation\nSELECT 2;"
        #expect(try lint(text, rules: Self.rules).count == 1)
        #expect(try lint(text, disabled: ["unused-suppression", "migration-without-down"]).isEmpty)
    }

    @Test func commentFollowedByNoStatementIsUnused() throws {
        let found = try findings("SELECT 1;\n\n-- strata:nolint require-concurrent-index-creation\n", rules: Self.rules)
        #expect(found.map { "\($0.ruleID)@\($0.line)" } == ["unused-suppression@3"])
        #expect(found.first?.message.contains("no statement follows it") == true)
    }

    /// A team moving from squawk keeps its `-- squawk-ignore` comments, with squawk's rule ids.
    @Test func squawkIgnoreCommentsSuppressLikeNolint() throws {
        let text = """
            SELECT 1;
            -- squawk-ignore require-concurrent-index-creation
            CREATE INDEX a ON t (a);
            -- squawk-ignore-next-statement prefer-timestamp-tz
            ALTER TABLE t ADD COLUMN seen_at timestamp;
            CREATE INDEX b ON t (b);
            ALTER TABLE t ADD COLUMN left_at timestamp;
            """
        #expect(try lint(text, rules: Self.rules.union(["prefer-timestamptz"])) == [
            "require-concurrent-index-creation@6", "prefer-timestamptz@7",
        ])
    }

    @Test func squawkIgnoreFileCoversTheWholeFile() throws {
        let text = """
            -- squawk-ignore-file require-concurrent-index-creation
            CREATE INDEX a ON t (a);
            CREATE INDEX b ON t (b);
            DROP INDEX c;
            """
        #expect(try lint(text, rules: Self.rules) == ["require-concurrent-index-deletion@4"])
    }

    /// squawk's ids work in configuration (and so in `lint.disable` and `--exclude`).
    @Test func squawkRuleIdsAreAliasesInConfiguration() {
        let configuration = LintConfiguration(
            disabledRules: ["prefer-timestamp-tz", "require-timeout-settings"],
            severityOverrides: ["unused-ignore": .error])
        #expect(configuration.unknownRuleIDs(in: .standard) == [])
        #expect(!configuration.isEnabled("prefer-timestamptz"))
        #expect(!configuration.isEnabled("require-lock-timeout") && !configuration.isEnabled("require-statement-timeout"))
        #expect(configuration.severityOverrides["unused-suppression"] == .error)
    }
}
