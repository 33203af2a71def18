/// The rules Strata knows, by id, in a stable order (the order of output and documentation).
public struct RuleRegistry: Sendable {
    /// The rules, in registration order.
    public let rules: [any LintRule]
    private let indexByID: [String: Int]

    /// Creates a registry. When two rules share an id, the first one wins (a test guards against that).
    public init(_ rules: [any LintRule]) {
        var indexByID: [String: Int] = [:]
        for (index, rule) in rules.enumerated() where indexByID[rule.id] == nil {
            indexByID[rule.id] = index
        }
        self.rules = rules
        self.indexByID = indexByID
    }

    /// Every rule id, in registration order.
    public var ids: [String] { rules.map(\.id) }

    /// The rule with `id`, or nil.
    public func rule(id: String) -> (any LintRule)? {
        indexByID[id].map { rules[$0] }
    }
}
