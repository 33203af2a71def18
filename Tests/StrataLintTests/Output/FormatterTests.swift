import Foundation
import StrataLint
import Testing

@Suite struct FormatterTests {
    /// Two files: one with errors, a warning and an unused suppression; one without a down section. The first one's
    /// path has a space and a comma to exercise escaping.
    static func sampleReport() throws -> LintReport {
        let sample = try Fixture(path: "formats/sample.sql")
        let noDown = try Fixture(path: "formats/no-down.sql")
        let files = [
            try Fixture.lintFile(path: "db/migrations/002_add token, index.sql", text: sample.text),
            try Fixture.lintFile(path: "db/migrations/003_plans.sql", text: noDown.text),
        ]
        return Linter().lint(files)
    }

    @Test(arguments: LintOutputFormat.allCases)
    func outputMatchesGoldenFile(_ format: LintOutputFormat) throws {
        let output = format.formatter().format(try Self.sampleReport())
        let golden = try expectGolden(output, "formats/sample.\(format.rawValue).expected")
        #expect(golden.actual == golden.expected)
    }

    @Test func sampleHasTheExpectedFindings() throws {
        let report = try Self.sampleReport()
        #expect(
            report.findings.map { "\($0.ruleID)@\($0.line):\($0.column)" } == [
                "require-lock-timeout@3:1", "adding-field-with-default@3:53", "require-concurrent-index-creation@4:18",
                "down-does-not-revert-up@4:24", "unused-suppression@5:1", "require-lock-timeout@8:1",
                "require-statement-timeout@8:1", "migration-without-down@1:1",
            ])
        #expect(report.errorCount == 2 && report.warningCount == 6 && report.hasErrors && report.fileCount == 2)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let output = JSONLintFormatter().format(try Self.sampleReport())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == 2 && summary["errors"] as? Int == 2 && summary["warnings"] as? Int == 6)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 8)
        for finding in findings {
            for key in ["rule", "severity", "message", "help", "documentation", "file", "line", "column"] {
                #expect(finding[key] != nil, "finding lacks \(key)")
            }
        }
        let first = try #require(findings.dropFirst().first)
        #expect(first["rule"] as? String == "adding-field-with-default")
        #expect(first["file"] as? String == "db/migrations/002_add token, index.sql")
        #expect(first["section"] as? String == "up")
        let excerpt = try #require(first["excerpt"] as? [String: Any])
        #expect(excerpt["text"] as? String == "ALTER TABLE users ADD COLUMN api_token uuid DEFAULT gen_random_uuid();")
        let fileLevel = try #require(findings.last)
        #expect(fileLevel["excerpt"] == nil && fileLevel["section"] == nil)
    }

    @Test func sarifHasRulesAndResultsThatReferToThem() throws {
        let output = SARIFLintFormatter().format(try Self.sampleReport())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFLintFormatter.schemaURI)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "strata")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == RuleRegistry.standard.ids)
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect(rule["helpUri"] as? String == "docs/rules/\(id).md")
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == "error" || level == "warning" || level == "note")
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 8)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let physical = try #require(location["physicalLocation"] as? [String: Any])
            let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String
            #expect(uri == "db/migrations/002_add%20token%2C%20index.sql" || uri == "db/migrations/003_plans.sql")
            let region = try #require(physical["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1 && (region["startColumn"] as? Int ?? 0) >= 1)
        }
    }

    @Test func githubEscapesPropertiesAndMessages() throws {
        let output = GitHubLintFormatter().format(try Self.sampleReport())
        let lines = output.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0.hasPrefix("::error file=") || $0.hasPrefix("::warning file=") })
        #expect(lines[1].hasPrefix("::error file=db/migrations/002_add token%2C index.sql,line=3,col=53,title=adding-field-with-default::"))
        #expect(lines[1].contains("%0Ahelp: "))
        #expect(lines[0].hasPrefix("::warning file="))
    }

    @Test func configuredDocumentationBaseMakesAbsoluteLinks() throws {
        let configuration = LintConfiguration(
            onlyRules: ["migration-without-down"], documentationBaseURL: "https://example.org/strata/blob/main")
        let report = Linter(configuration: configuration).lint([
            try Fixture.lintFile(path: "x.sql", text: "SELECT 1;")
        ])
        #expect(report.findings.first?.documentation == "https://example.org/strata/blob/main/docs/rules/migration-without-down.md")
    }

    @Test func caretIsPlacedUnderTheColumnWithTabsKept() {
        let excerpt = LintExcerpt(line: 4, column: 1, text: "\tSELECT 1; CREATE INDEX i ON t (a);")
        let finding = LintFinding(
            ruleID: "r", severity: .error, message: "m", help: "h", documentation: "d", path: "p", line: 4, column: 19,
            excerpt: excerpt)
        let rendered = TextLintFormatter().render(finding)
        #expect(rendered.contains("4 | \tSELECT 1; CREATE INDEX i ON t (a);\n  | \t                 ^\n"))
    }

    @Test func longLinesAreCutAroundTheCaret() {
        let text = String(repeating: "a", count: 300) + "X" + String(repeating: "b", count: 300)
        let finding = LintFinding(
            ruleID: "r", severity: .warning, message: "m", help: "", documentation: "d", path: "p", line: 1,
            column: 301, excerpt: LintExcerpt(line: 1, column: 1, text: text))
        let lines = TextLintFormatter().render(finding).split(separator: "\n")
        let source = String(lines[2].dropFirst(4))
        let caret = String(lines[3].dropFirst(4))
        #expect(source.hasPrefix("…") && source.hasSuffix("…"))
        #expect(source.count <= TextLintFormatterLimits.width + 2)
        let caretOffset = caret.count - 1
        #expect(Array(source)[caretOffset] == "X")
    }
}

/// The text formatter's excerpt width, mirrored here so the test says what it checks.
enum TextLintFormatterLimits {
    static let width = 120
}
