/// A migration with no down section: `strata rollback` cannot revert it. An empty `-- strata:down` section says
/// "irreversible on purpose" and is not flagged.
public struct MigrationWithoutDown: LintRule {
    /// Creates the rule.
    public init() {}

    /// `migration-without-down`.
    public var id: String { "migration-without-down" }
    /// A warning: nothing breaks until someone needs to roll back.
    public var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    public var summary: String { "The migration has no down section, so it cannot be rolled back." }
    /// The safe alternative.
    public var help: String {
        "add a `-- strata:down` section that undoes the up section; if it cannot be undone, add an empty "
            + "`-- strata:down` section with a comment saying why"
    }

    /// Flags a file whose `down` is nil.
    public func check(_ file: LintFile) -> [LintViolation] {
        guard file.down == nil else { return [] }
        return [fileViolation("the migration has no down section, so `strata rollback` cannot revert it")]
    }
}
