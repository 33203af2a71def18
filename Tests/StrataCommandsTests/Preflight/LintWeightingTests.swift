import StrataCore
import StrataLint
import Testing
@testable import StrataCommands

/// `strata lint` with a database: lock findings weighed by the table's size.
@Suite struct LintWeightingTests {
    static func report(_ rule: String = "require-concurrent-index-creation", _ severity: LintSeverity = .error) -> LintReport {
        LintReport(
            fileCount: 1,
            findings: [
                LintFinding(
                    ruleID: rule, severity: severity, message: "CREATE INDEX without CONCURRENTLY", help: "",
                    documentation: "", path: "db/migrations/2_idx.sql", line: 3, column: 1, section: .up),
            ], rules: [])
    }

    static func planned(_ table: String, isNew: Bool) -> [PlannedMigration] {
        [PlannedMigration(
            version: "2", name: "idx", isTransactional: true,
            statements: [
                PlannedStatement(index: 0, line: 1, summary: "SET lock_timeout", touches: []),
                PlannedStatement(index: 1, line: 3, summary: "CREATE INDEX x ON", touches: [
                    TableTouch(table: RelationName(name: table), lock: .share, work: .indexBuild, reason: "CREATE INDEX", isNew: isNew),
                ]),
            ])]
    }

    @Test func aTableCreatedEarlierInTheFolderMakesANote() {
        let weighed = LintWeighting.weigh(
            Self.report(), paths: ["db/migrations/2_idx.sql"], planned: Self.planned("ledger", isNew: true), facts: [])
        #expect(weighed.findings.first?.severity == .note)
        #expect(weighed.findings.first?.message.contains("\"ledger\"") == false)
        #expect(weighed.findings.first?.message.contains("ledger is created earlier in this folder") == true)
    }

    @Test func aLargeTableMakesAnErrorAndASmallOneKeepsItsSeverityWithItsSize() {
        let large = TableFacts(table: RelationName(schema: "public", name: "events"), heapBytes: 150 << 20, totalBytes: 200 << 20, rows: 3_000_000)
        let raised = LintWeighting.weigh(
            Self.report("changing-column-type", .warning), paths: ["db/migrations/2_idx.sql"],
            planned: Self.planned("events", isNew: false), facts: [large])
        #expect(raised.findings.first?.severity == .error)
        #expect(raised.findings.first?.message.hasSuffix("(table public.events: 200.0 MB, 3,000,000 rows)") == true)

        let small = TableFacts(table: RelationName(schema: "public", name: "events"), heapBytes: 8192, totalBytes: 16384, rows: 12)
        let kept = LintWeighting.weigh(
            Self.report("changing-column-type", .warning), paths: ["db/migrations/2_idx.sql"],
            planned: Self.planned("events", isNew: false), facts: [small])
        #expect(kept.findings.first?.severity == .warning)
        #expect(kept.findings.first?.message.contains("16.0 kB, 12 rows") == true)
    }

    @Test func otherRulesAndOtherFilesAreUntouched() {
        let other = LintWeighting.weigh(
            Self.report("prefer-text-field", .warning), paths: ["db/migrations/2_idx.sql"],
            planned: Self.planned("ledger", isNew: true), facts: [])
        #expect(other.findings == Self.report("prefer-text-field", .warning).findings)
        let elsewhere = LintWeighting.weigh(
            Self.report(), paths: ["db/migrations/9_other.sql"], planned: Self.planned("ledger", isNew: true), facts: [])
        #expect(elsewhere.findings.first?.severity == .error)
    }
}
