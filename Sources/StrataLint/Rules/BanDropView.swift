/// `DROP VIEW` / `DROP MATERIALIZED VIEW` of an existing view: every running query that reads it fails (squawk's
/// `ban-drop-view`).
package struct BanDropView: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-drop-view`.
    package var id: String { "ban-drop-view" }
    /// A warning: no data is lost, but readers break.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "Dropping a view breaks every query that still reads it." }
    /// The safe alternative.
    package var help: String {
        "first deploy code that no longer reads the view, then drop it in a later migration with "
            + "`-- strata:nolint ban-drop-view`; to change a view's definition use CREATE OR REPLACE VIEW"
    }

    /// Flags `DROP [MATERIALIZED] VIEW`, except for views created earlier in the section and, in the down section,
    /// views the up section creates.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let drop = DropObjectStatement(statement), drop.kind == "view" || drop.kind == "materialized view"
            else { return nil }
            let kinds: Set<ObjectLifecycle.Kind> = [.view, .materializedView]
            let existing = drop.names.filter { !file.isNewObject(kinds, named: $0, at: statement) }
            if existing.isEmpty, !drop.names.isEmpty { return nil }
            let names = existing.map(\.description).joined(separator: ", ")
            return violation(
                "dropping \(drop.kind) \(names) breaks every query of the running application that still reads it",
                at: statement, token: drop.kindIndex)
        }
    }
}
