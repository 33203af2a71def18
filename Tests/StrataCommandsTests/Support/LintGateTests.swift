import Testing
@testable import StrataCommands
import StrataLint

/// What `migrate` prints about lint findings of pending files.
@Suite struct LintGateTests {
    static func finding(_ rule: String, _ severity: LintSeverity, line: Int) -> LintFinding {
        LintFinding(
            ruleID: rule, severity: severity, message: "message of \(rule)", help: "", documentation: "docs/rules/\(rule).md",
            path: "db/migrations/2_idx.sql", line: line, column: 8)
    }

    static let report = LintReport(
        fileCount: 3,
        findings: [
            finding("require-concurrent-index-creation", .error, line: 2),
            finding("prefer-timestamptz", .warning, line: 5),
            finding("migration-without-down", .warning, line: 1),
        ],
        rules: [])

    @Test func defaultIsOneSummaryLineNamingEnforceLint() {
        #expect(LintGate.lines(for: Self.report, enforce: false, verbose: false) == [
            "lint: 1 error, 2 warnings in 3 pending files; run 'strata lint' for details; "
                + "errors stop 'migrate' only with --enforce-lint"
        ])
    }

    @Test func verboseListsFindingsAsStrataLintHeadsThem() {
        let lines = LintGate.lines(for: Self.report, enforce: false, verbose: true)
        #expect(lines.count == 4)
        #expect(lines[0] == "db/migrations/2_idx.sql:2:8: error[require-concurrent-index-creation] message of require-concurrent-index-creation")
        #expect(lines[1].hasPrefix("db/migrations/2_idx.sql:5:8: warning[prefer-timestamptz]"))
        #expect(lines[3] == "lint: 1 error, 2 warnings in 3 pending files; errors stop 'migrate' only with --enforce-lint")
    }

    @Test func enforcementListsTheBlockingFindings() {
        let lines = LintGate.lines(for: Self.report, enforce: true, verbose: false)
        #expect(lines == [
            "db/migrations/2_idx.sql:2:8: error[require-concurrent-index-creation] message of require-concurrent-index-creation",
            "lint: 1 error, 2 warnings in 3 pending files; run 'strata lint' for details",
        ])
    }

    @Test func noFindingsPrintNothing() {
        #expect(LintGate.lines(for: LintReport(fileCount: 2, findings: [], rules: []), enforce: true, verbose: true) == [])
    }
}
