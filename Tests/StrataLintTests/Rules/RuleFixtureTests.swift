import Foundation
import StrataLint
import Testing

/// Every rule has fixtures under `Fixtures/rules/<id>/`: `trigger*.sql` files that must produce a finding of the rule
/// and `pass*.sql` look-alikes that must not. Each is linted with only that rule (plus `-- fixture: rules=…`), and
/// the text output is compared with the golden `<name>.expected` next to it.
@Suite struct RuleFixtureTests {
    @Test(arguments: RuleRegistry.standard.ids)
    func ruleHasTriggeringAndPassingFixtures(_ id: String) throws {
        let files = Fixture.files(in: "rules/\(id)")
        let triggers = files.filter { $0.hasPrefix("rules/\(id)/trigger") }
        let passes = files.filter { $0.hasPrefix("rules/\(id)/pass") }
        #expect(!triggers.isEmpty, "add Fixtures/rules/\(id)/trigger.sql")
        #expect(!passes.isEmpty, "add Fixtures/rules/\(id)/pass.sql")
        #expect(triggers.count + passes.count == files.count, "fixture names start with trigger or pass")

        for path in files {
            let fixture = try Fixture(path: path)
            let configuration = LintConfiguration(
                onlyRules: Set([id] + fixture.extraRules), targetPostgresVersion: fixture.postgresVersion)
            let report = Linter(configuration: configuration).lint([try fixture.lintFile()])
            let ofRule = report.findings.filter { $0.ruleID == id }
            if triggers.contains(path) {
                #expect(!ofRule.isEmpty, "\(path) must trigger \(id)")
            } else {
                #expect(ofRule.isEmpty, "\(path) must not trigger \(id): \(ofRule.map(\.message))")
            }
            let golden = try expectGolden(
                TextLintFormatter().format(report), String(path.dropLast(".sql".count)) + ".expected")
            #expect(golden.actual == golden.expected, "\(path) differs from its golden output")
        }
    }
}
