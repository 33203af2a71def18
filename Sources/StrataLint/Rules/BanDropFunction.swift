/// `DROP FUNCTION` / `DROP PROCEDURE` / `DROP ROUTINE` of an existing routine: every caller, trigger and default that
/// uses it fails (squawk's `ban-drop-function`).
public struct BanDropFunction: LintRule {
    /// Creates the rule.
    public init() {}

    /// `ban-drop-function`.
    public var id: String { "ban-drop-function" }
    /// A warning: no data is lost, but callers break.
    public var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    public var summary: String { "Dropping a function breaks every query, trigger or client that still calls it." }
    /// The safe alternative.
    public var help: String {
        "first deploy code that no longer calls the function, then drop it in a later migration with "
            + "`-- strata:nolint ban-drop-function`; to change its body use CREATE OR REPLACE FUNCTION"
    }

    /// Flags `DROP FUNCTION | PROCEDURE | ROUTINE`, except for routines created earlier in the section and, in the
    /// down section, routines the up section creates.
    public func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let drop = DropObjectStatement(statement), ["function", "procedure", "routine"].contains(drop.kind)
            else { return nil }
            let existing = drop.names.filter { !file.isNewObject([.function], named: $0, at: statement) }
            if existing.isEmpty, !drop.names.isEmpty { return nil }
            let names = existing.map(\.description).joined(separator: ", ")
            return violation(
                "dropping \(drop.kind) \(names) breaks every query, trigger and client that still calls it",
                at: statement, token: drop.kindIndex)
        }
    }
}
