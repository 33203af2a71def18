/// `DROP FUNCTION` / `DROP PROCEDURE` / `DROP ROUTINE` of an existing routine: every caller, trigger and default that
/// uses it fails (squawk's `ban-drop-function`).
package struct BanDropFunction: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-function`.
    package var id: String { "ban-drop-function" }
    /// A warning: no data is lost, but callers break.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "Dropping a function breaks every query, trigger or client that still calls it." }
    /// The safe alternative.
    package var help: String {
        "first deploy code that no longer calls the function, then drop it in a later migration with "
            + "`-- strata:nolint ban-drop-function`; to change its body use CREATE OR REPLACE FUNCTION"
    }

    /// Flags `DROP FUNCTION | PROCEDURE | ROUTINE`, except for routines created earlier in the section and, in the
    /// down section, routines the up section creates.
    package func check(_ file: LintFile) -> [LintViolation] {
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
