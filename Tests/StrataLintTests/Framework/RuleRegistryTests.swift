import Foundation
import StrataLint
import Testing

@Suite struct RuleRegistryTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func idsAreUniqueAndKebabCase() {
        let ids = RuleRegistry.standard.ids
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            #expect(allowed && !id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--"), "\(id) is not kebab-case")
        }
    }

    @Test(arguments: RuleRegistry.standard.ids)
    func ruleIsDocumented(_ id: String) throws {
        let rule = try #require(RuleRegistry.standard.rule(id: id))
        #expect(rule.documentationPath == "docs/rules/\(id).md")
        #expect(!rule.summary.isEmpty && !rule.help.isEmpty)
        let page = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent(rule.documentationPath), encoding: .utf8)
        #expect(page.hasPrefix("# \(id)\n"), "the page starts with '# \(id)'")
        for heading in ["## What it catches", "## Why it is dangerous", "## Safe alternative", "## Suppressing"] {
            #expect(page.contains(heading), "\(rule.documentationPath) lacks '\(heading)'")
        }
        #expect(page.contains("strata:nolint \(id)"))
    }

    @Test func lookupByID() {
        #expect(RuleRegistry.standard.rule(id: "require-lock-timeout")?.defaultSeverity == .warning)
        #expect(RuleRegistry.standard.rule(id: "no-such-rule") == nil)
    }

    @Test func configurationReportsUnknownRuleIDs() {
        let configuration = LintConfiguration(
            disabledRules: ["require-lock-timeout", "requre-lock-timeout"],
            severityOverrides: ["adding-field-with-defaults": .warning])
        #expect(
            configuration.unknownRuleIDs(in: .standard) == ["adding-field-with-defaults", "requre-lock-timeout"])
    }
}
