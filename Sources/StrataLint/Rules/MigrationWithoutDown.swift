/// A migration with no down section: `strata rollback` cannot revert it. An empty `-- strata:down` section says
/// "irreversible on purpose" and is not flagged.
package struct MigrationWithoutDown: LintRule {
    /// Creates the rule.
    package init() {}

    /// `migration-without-down`.
    package var id: String { "migration-without-down" }
    /// A warning: nothing breaks until someone needs to roll back.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "The migration has no down section, so it cannot be rolled back." }
    /// The safe alternative.
    package var help: String {
        "add a `-- strata:down` section that undoes the up section; if it cannot be undone, add an empty "
            + "`-- strata:down` section with a comment saying why"
    }

    /// Flags a file whose `down` is nil.
    package func check(_ file: LintFile) -> [LintViolation] {
        guard file.down == nil else { return [] }
        return [fileViolation("the migration has no down section, so `strata rollback` cannot revert it")]
    }
}
