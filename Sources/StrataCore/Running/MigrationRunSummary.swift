
/// What a `migrate` or `rollback` did.
public struct MigrationRunSummary: Sendable, Hashable {
    /// Versions applied (or reverted, for a rollback), in order.
    public var done: [MigrationVersion] = []
    /// Versions skipped for a missing extension.
    public var skipped: [MigrationVersion] = []
    /// Versions still skipped for a missing extension that this run checked (without the lock) and left alone.
    public var stillSkipped: [MigrationVersion] = []
    /// Names of the repeatable migrations applied (or, in a dry run, that would be).
    public var repeatables: [String] = []

    /// Creates an empty summary.
    public init() {}
}
