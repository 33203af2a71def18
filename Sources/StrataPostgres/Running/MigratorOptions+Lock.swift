import StrataCore

extension MigratorOptions {
    /// The lock these options choose.
    func makeLock() -> any MigrationLocking {
        switch lockStrategy {
        case .advisory: return MigrationLock(schema: schema, timeout: lockWait)
        case .table: return LeaseLock(schema: schema, wait: lockWait, leaseDuration: leaseDuration)
        }
    }
}
