/// What `strata adopt` records: each migration the other tool applied, with Strata's checksum of the file on disk.
public struct AdoptionPlan: Sendable, Hashable {
    /// Migrations to record, in version order, with `applied` or (below a Flyway baseline) `baseline`.
    public var migrations: [(Migration, HistoryEntry.State)] {
        get { zip(recorded, states).map { ($0, $1) } }
        set {
            recorded = newValue.map(\.0)
            states = newValue.map(\.1)
        }
    }
    /// Repeatable migrations the other tool applied whose files have not changed since.
    public var repeatables: [RepeatableMigration]
    /// Things worth telling the user that do not stop the adoption (a file changed since it was applied).
    public var warnings: [String]

    private var recorded: [Migration] = []
    private var states: [HistoryEntry.State] = []

    /// Creates a plan.
    public init(
        migrations: [(Migration, HistoryEntry.State)] = [], repeatables: [RepeatableMigration] = [], warnings: [String] = []
    ) {
        self.repeatables = repeatables
        self.warnings = warnings
        self.migrations = migrations
    }
}
