/// Everything a migrations folder holds: versioned migrations, repeatable ones, and the hooks run around a migrate.
public struct MigrationCatalog: Sendable, Hashable {
    /// The folder's format (detected, or chosen with `--format`).
    public var format: MigrationFormat
    /// Versioned migrations, ordered by version.
    public var migrations: [Migration]
    /// Repeatable migrations (`R__<name>.sql`), ordered by name.
    public var repeatables: [RepeatableMigration]
    /// Run before a migrate that applies something (`beforeMigrate.sql`, or `hooks.before_migrate`).
    public var beforeMigrate: [SQLScript]
    /// Run after a migrate that applied something (`afterMigrate.sql`, or `hooks.after_migrate`).
    public var afterMigrate: [SQLScript]

    /// Creates a catalog.
    public init(
        format: MigrationFormat, migrations: [Migration], repeatables: [RepeatableMigration] = [],
        beforeMigrate: [SQLScript] = [], afterMigrate: [SQLScript] = []
    ) {
        self.format = format
        self.migrations = migrations
        self.repeatables = repeatables
        self.beforeMigrate = beforeMigrate
        self.afterMigrate = afterMigrate
    }
}
