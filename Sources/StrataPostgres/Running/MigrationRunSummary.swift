import StrataCore

/// What a `migrate` or `rollback` did.
public struct MigrationRunSummary: Sendable, Hashable {
    /// Versions applied (or reverted, for a rollback), in order.
    public var done: [MigrationVersion] = []
    /// Versions skipped for a missing extension.
    public var skipped: [MigrationVersion] = []

    /// Creates an empty summary.
    public init() {}
}
