extension MigrationDriver {
    /// Runs backfill `name` as a step of `migration` (`-- strata:backfill NAME`); a driver that cannot run backfills
    /// refuses.
    public func runBackfillStep(named name: String, for migration: Migration) async throws(StrataError) {
        throw StrataError(
            .invalidMigration, "this database driver cannot run the backfill step '\(name)'",
            location: FileLocation(path: migration.path, line: 1))
    }
}
