/// What the user configured for linting: rules switched off, severities changed, the PostgreSQL version targeted.
public struct LintConfiguration: Sendable, Hashable {
    /// The PostgreSQL major version assumed when none is configured.
    public static let defaultPostgresVersion = 15

    /// Rule ids that do not run.
    public var disabledRules: Set<String>
    /// When set, only these rule ids run (plus `unused-suppression` unless disabled); for `--rule` and tests.
    public var onlyRules: Set<String>?
    /// Severity per rule id, replacing the rule's default.
    public var severityOverrides: [String: LintSeverity]
    /// The PostgreSQL major version migrations will run on (`--pg-version`, config, or the connected server).
    public var targetPostgresVersion: Int
    /// Prefix for documentation links (e.g. `https://example.com/strata/blob/main/`); nil leaves them relative to
    /// the repository root (`docs/rules/<id>.md`).
    public var documentationBaseURL: String?

    /// Creates a configuration; the defaults run every rule at its default severity for PostgreSQL 15. Rule ids may
    /// be squawk's (`prefer-timestamp-tz`): `RuleAliases` turns them into Strata's.
    public init(
        disabledRules: Set<String> = [], onlyRules: Set<String>? = nil, severityOverrides: [String: LintSeverity] = [:],
        targetPostgresVersion: Int = LintConfiguration.defaultPostgresVersion, documentationBaseURL: String? = nil
    ) {
        self.disabledRules = RuleAliases.resolve(disabledRules)
        self.onlyRules = onlyRules.map { RuleAliases.resolve($0) }
        var overrides: [String: LintSeverity] = [:]
        for (id, severity) in severityOverrides {
            for resolved in RuleAliases.resolve(id) { overrides[resolved] = severity }
        }
        self.severityOverrides = overrides
        self.targetPostgresVersion = targetPostgresVersion
        self.documentationBaseURL = documentationBaseURL
    }

    /// Rule ids named by this configuration that `registry` does not know, sorted, so a typo can be reported
    /// instead of silently doing nothing.
    public func unknownRuleIDs(in registry: RuleRegistry) -> [String] {
        let named = disabledRules.union(onlyRules ?? []).union(severityOverrides.keys)
        return named.filter { registry.rule(id: $0) == nil }.sorted()
    }

    /// True when the rule `id` runs under this configuration.
    public func isEnabled(_ id: String) -> Bool {
        if disabledRules.contains(id) { return false }
        guard let onlyRules else { return true }
        return onlyRules.contains(id) || id == UnusedSuppression.ruleID
    }

    /// The documentation link for a rule documented at `path`.
    public func documentationLink(_ path: String) -> String {
        guard let documentationBaseURL else { return path }
        return documentationBaseURL.hasSuffix("/") ? documentationBaseURL + path : documentationBaseURL + "/" + path
    }
}
