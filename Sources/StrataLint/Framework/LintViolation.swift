import StrataSQL

/// What a rule reports: which rule, what is wrong and where. The `Linter` turns violations that survive suppression
/// and configuration into `LintFinding`s.
public struct LintViolation: Sendable, Hashable {
    /// The id of the rule that produced the violation.
    public var ruleID: String
    /// What is wrong, naming the objects involved (`creating index "users_email" locks table "users" …`).
    public var message: String
    /// Where the problem is in the file (usually the start of the offending token).
    public var position: SourcePosition
    /// The statement the violation belongs to; `nil` for a violation of the whole file.
    public var statement: LintStatement.ID?
    /// A help text specific to this violation; `nil` to show the rule's `help`.
    public var help: String?

    /// Creates a violation. Rules usually call `LintRule.violation(_:at:token:help:)` instead.
    public init(
        ruleID: String, message: String, position: SourcePosition, statement: LintStatement.ID?, help: String? = nil
    ) {
        self.ruleID = ruleID
        self.message = message
        self.position = position
        self.statement = statement
        self.help = help
    }
}
