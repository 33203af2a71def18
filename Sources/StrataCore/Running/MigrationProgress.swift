import StrataSQL

/// What a `Migrator` reports as it works, so a front end (the CLI, an app's log) can show one line per migration.
public enum MigrationProgress: Sendable {
    /// A migration was applied.
    case applied(Migration, milliseconds: Int, statements: Int)
    /// A migration was skipped because a required extension is missing (`else=skip`).
    case skipped(Migration, reason: String)
    /// A dry run: this migration would be skipped (a required extension is missing, `else=skip`).
    case wouldSkip(Migration, reason: String)
    /// A statement of a migration started: the `index`-th (from 1) of `count`, for a live progress line.
    case statementStarted(Migration, direction: Direction, index: Int, count: Int)
    /// A migration was reverted by its down section.
    case reverted(Migration, milliseconds: Int)
    /// A dry run: these statements would run for this migration.
    case planned(Migration, direction: Direction, statements: [SQLStatement])
    /// A repeatable migration was applied (it was new, or its checksum changed).
    case repeatableApplied(RepeatableMigration, milliseconds: Int, statements: Int)
    /// A dry run: this repeatable migration would be applied with these statements.
    case repeatablePlanned(RepeatableMigration, statements: [SQLStatement])

    /// Up or down.
    public enum Direction: String, Sendable {
        /// Applying.
        case up
        /// Reverting.
        case down
    }
}
