/// How parallel `strata` runs exclude each other.
public enum LockStrategy: String, Sendable, Hashable, CaseIterable {
    /// A session advisory lock (`pg_try_advisory_lock`) on the migration connection: the default; it goes away
    /// with the connection, so a killed process never leaves it behind.
    case advisory
    /// A lease row in `<schema>.migration_lease`, renewed by a heartbeat and taken over once it expires: for
    /// PgBouncer in transaction pooling mode and other setups where session state does not survive a transaction.
    case table
}
