import StrataCore
import StrataSQL

extension Migrator {
    /// Applies a whole folder: pending versioned migrations (as `migrate(_:to:)`), then repeatable migrations that
    /// are new or whose checksum changed, ordered by name. When that applies anything, the `beforeMigrate` hooks
    /// run first and the `afterMigrate` hooks last; with nothing to do, nothing runs (not even the hooks).
    /// `knownHistory`: the history rows when the caller has just read them (see ``history(in:)``), saving a read.
    @discardableResult
    public func migrate(
        _ catalog: MigrationCatalog, to target: MigrationVersion? = nil, knownHistory: [HistoryEntry]? = nil
    ) async throws(StrataError) -> MigrationRunSummary {
        let entries: [HistoryEntry]
        if let knownHistory { entries = knownHistory } else { entries = try await history.entries(in: session) }
        let planner = MigrationPlanner(migrations: catalog.migrations, history: entries)
        let repeatableHistory = RepeatableHistory(history: history)
        let due = try await dueRepeatables(catalog, repeatableHistory)
        let versionedPending = !planner.migrationsToApply(upTo: target).isEmpty
        // Nothing to do, or a refusal (changed file, out of order): the plain migrate answers without hooks.
        if (!versionedPending && due.isEmpty) || !planner.changed().isEmpty {
            return try await migrate(catalog.migrations, to: target, knownHistory: entries)
        }
        let runner = ScriptRunner(session: session, history: history)
        if options.dryRun {
            var summary = try await migrate(catalog.migrations, to: target, knownHistory: entries)
            for repeatable in due {
                progress(.repeatablePlanned(repeatable, statements: try repeatable.up.statements(path: repeatable.path)))
                summary.repeatables.append(repeatable.name)
            }
            return summary
        }
        for hook in catalog.beforeMigrate { try await runner.run(hook) }
        var summary = try await migrate(catalog.migrations, to: target, knownHistory: entries)
        if !due.isEmpty {
            try await history.create(in: session)
            let applied = try await withLock { () throws(StrataError) -> [String] in
                // The same timeouts and dead-client check as versioned migrations.
                _ = try await applySessionDefaults()
                var names: [String] = []
                // Another process may have applied them while we waited.
                for repeatable in try await dueRepeatables(catalog, repeatableHistory) {
                    let clock = ContinuousClock()
                    let start = clock.now
                    try await lock.fence(on: session)
                    let count = try await runner.apply(repeatable)
                    names.append(repeatable.name)
                    progress(.repeatableApplied(
                        repeatable, milliseconds: (clock.now - start).wholeMilliseconds, statements: count))
                }
                return names
            }
            summary.repeatables.append(contentsOf: applied)
        }
        for hook in catalog.afterMigrate { try await runner.run(hook) }
        return summary
    }

    /// Repeatable migrations of `catalog` that are not recorded, or recorded with another checksum.
    private func dueRepeatables(
        _ catalog: MigrationCatalog, _ repeatableHistory: RepeatableHistory
    ) async throws(StrataError) -> [RepeatableMigration] {
        guard !catalog.repeatables.isEmpty else { return [] }
        let recorded = try await repeatableHistory.checksums(in: session)
        return catalog.repeatables.filter { recorded[$0.historyKey] != $0.checksum }
    }

    /// Each repeatable migration of `catalog` with whether it is up to date (`true`) or due (`false`).
    public func repeatableStatus(of catalog: MigrationCatalog) async throws(StrataError) -> [(RepeatableMigration, Bool)] {
        guard !catalog.repeatables.isEmpty else { return [] }
        let recorded = try await RepeatableHistory(history: history).checksums(in: session)
        return catalog.repeatables.map { ($0, recorded[$0.historyKey] == $0.checksum) }
    }
}
