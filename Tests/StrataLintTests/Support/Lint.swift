import StrataLint

/// Lints native-format `text` with the given rules (all when nil) and returns `rule-id@line` for every finding.
func lint(
    _ text: String, rules: Set<String>? = nil, postgres: Int = LintConfiguration.defaultPostgresVersion,
    disabled: Set<String> = []
) throws -> [String] {
    try findings(text, rules: rules, postgres: postgres, disabled: disabled).map { "\($0.ruleID)@\($0.line)" }
}

/// Lints native-format `text` with the given rules (all when nil).
func findings(
    _ text: String, rules: Set<String>? = nil, postgres: Int = LintConfiguration.defaultPostgresVersion,
    disabled: Set<String> = []
) throws -> [LintFinding] {
    let configuration = LintConfiguration(disabledRules: disabled, onlyRules: rules, targetPostgresVersion: postgres)
    return Linter(configuration: configuration).lint(try Fixture.lintFile(path: "test.sql", text: text))
}
