/// `strata baseline` and `strata repair`: history changes that run no migration SQL, under the lock and in one
/// transaction, each logged as an event.
extension MigrationRunner {
    /// Marks every migration file up to `version` as in effect without running it, for a database that was built
    /// before Strata (by hand, `pg_dump`, another tool). Refused when the database already has Strata history, and
    /// for a file a fresh `migrate` would refuse. Returns the versions recorded.
    @discardableResult
    public func baseline(_ migrations: [Migration], at version: MigrationVersion) async throws(StrataError) -> [MigrationVersion] {
        let covered = migrations.filter { $0.version <= version }
        guard !covered.isEmpty else {
            throw StrataError(
                .usage, "no migration file has version \(version) or lower",
                hint: "baseline marks the files up to a version as applied; see strata status for the versions")
        }
        var statements = StatementCache()
        for migration in migrations {
            let up = try statements.up(of: migration)
            if migration.transactionMode == .transactional { try Self.refuseNonTransactionalStatements(up, in: migration) }
        }
        if options.dryRun {
            try Self.refuseBaseline(over: try await driver.historyEntries())
            return covered.map(\.version)
        }
        return try await withLock { () throws(StrataError) -> [MigrationVersion] in
            try await driver.prepareHistory()
            try Self.refuseBaseline(over: try await driver.historyEntries())
            try await inTransaction { () throws(StrataError) in
                for migration in covered {
                    try await driver.record(
                        migration, recordedVersion: nil, state: .baseline, durationMilliseconds: 0, statementsRun: 0,
                        action: "baseline")
                }
            }
            return covered.map(\.version)
        }
    }

    /// Baseline only starts a history: refused when there is one.
    private static func refuseBaseline(over existing: [HistoryEntry]) throws(StrataError) {
        guard existing.isEmpty else {
            throw StrataError(
                .usage, "this database already has Strata history (\(existing.count) row\(existing.count == 1 ? "" : "s"))",
                hint: "baseline is for a database built before Strata; use strata repair to fix recorded history")
        }
    }

    /// Realigns the history with the folder after deliberate changes (see ``RepairPlanner``). With
    /// `options.dryRun` nothing is written. Returns what was (or would be) done.
    @discardableResult
    public func repair(
        _ migrations: [Migration], markApplied: [MigrationVersion] = [], forget: [MigrationVersion] = []
    ) async throws(StrataError) -> [RepairAction] {
        let initial = try RepairPlanner.actions(
            MigrationPlanner(migrations: migrations, history: try await driver.historyEntries()),
            markApplied: markApplied, forget: forget)
        if options.dryRun || initial.isEmpty { return initial }
        return try await withLock { () throws(StrataError) -> [RepairAction] in
            let planner = MigrationPlanner(migrations: migrations, history: try await driver.historyEntries())
            let actions = try RepairPlanner.actions(planner, markApplied: markApplied, forget: forget)
            let statuses = Dictionary(planner.statuses().map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
            try await inTransaction { () throws(StrataError) in
                for action in actions {
                    let recorded = statuses[action.version]?.history?.version.rawValue ?? action.version.rawValue
                    try await driver.applyRepair(action, recordedVersion: recorded)
                }
            }
            return actions
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func inTransaction(_ body: () async throws(StrataError) -> Void) async throws(StrataError) {
        try await driver.begin()
        do throws(StrataError) {
            try await body()
            try await driver.commit()
        } catch {
            await driver.rollback()
            throw error
        }
    }
}
