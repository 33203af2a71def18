/// What `strata adopt` records: each migration the other tool applied, with Strata's checksum of the file on disk.
public struct AdoptionPlan: Sendable {
    /// Migrations to record, in version order, with `applied` or (below a Flyway baseline) `baseline`.
    public var migrations: [(Migration, HistoryEntry.State)]
    /// Repeatable migrations the other tool applied whose files have not changed since.
    public var repeatables: [RepeatableMigration]
    /// Things worth telling the user that do not stop the adoption (a file changed since it was applied).
    public var warnings: [String]

    /// Creates a plan.
    public init(
        migrations: [(Migration, HistoryEntry.State)] = [], repeatables: [RepeatableMigration] = [], warnings: [String] = []
    ) {
        self.migrations = migrations
        self.repeatables = repeatables
        self.warnings = warnings
    }
}
