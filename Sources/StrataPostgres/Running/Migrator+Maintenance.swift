import StrataCore

/// `strata baseline` and `strata repair`: history changes that run no migration SQL, under the lock and in one
/// transaction, each logged in `<schema>.events`.
extension Migrator {
    /// Marks every migration file up to `version` as in effect without running it, for a database that was built
    /// before Strata (by hand, `pg_dump`, another tool). Refused when the database already has Strata history.
    /// Returns the versions recorded.
    @discardableResult
    public func baseline(_ migrations: [Migration], at version: MigrationVersion) async throws(StrataError) -> [MigrationVersion] {
        let covered = migrations.filter { $0.version <= version }
        guard !covered.isEmpty else {
            throw StrataError(
                .usage, "no migration file has version \(version) or lower",
                hint: "baseline marks the files up to a version as applied; see strata status for the versions")
        }
        if options.dryRun {
            try Self.refuseBaseline(over: try await history.entries(in: session))
            return covered.map(\.version)
        }
        return try await withLock { () throws(StrataError) -> [MigrationVersion] in
            try await history.create(in: session)
            try Self.refuseBaseline(over: try await history.entries(in: session))
            try await inTransaction { () throws(StrataError) in
                for migration in covered {
                    try await history.record(
                        migration, state: .baseline, durationMilliseconds: 0, statementsRun: 0, action: "baseline",
                        in: session)
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

    /// Realigns the history with the folder after deliberate changes: checksums of edited applied files take the
    /// file's; a failed or partial no-transaction file that was edited keeps its progress (the next migrate resumes
    /// at the failed statement); `markApplied` versions (finished by hand) become applied; `forget` versions
    /// (failed, partial, skipped, or whose file is gone) are removed so they run again from the start.
    /// With `options.dryRun` nothing is written. Returns what was (or would be) done.
    @discardableResult
    public func repair(
        _ migrations: [Migration], markApplied: [MigrationVersion] = [], forget: [MigrationVersion] = []
    ) async throws(StrataError) -> [RepairAction] {
        let planned = Self.repairActions(
            MigrationPlanner(migrations: migrations, history: try await history.entries(in: session)),
            markApplied: markApplied, forget: forget)
        let initial = try planned.get()
        if options.dryRun || initial.isEmpty { return initial }
        return try await withLock { () throws(StrataError) -> [RepairAction] in
            let planner = MigrationPlanner(migrations: migrations, history: try await history.entries(in: session))
            let actions = try Self.repairActions(planner, markApplied: markApplied, forget: forget).get()
            let statuses = Dictionary(planner.statuses().map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
            try await inTransaction { () throws(StrataError) in
                for action in actions {
                    let recorded = statuses[action.version]?.history?.version.rawValue ?? action.version.rawValue
                    switch action.kind {
                    case .realignChecksum, .keepProgress:
                        try await history.realignChecksum(
                            version: recorded, name: action.name, from: action.oldChecksum, to: action.newChecksum,
                            in: session)
                    case .markApplied:
                        try await history.markApplied(
                            version: recorded, name: action.name, checksum: action.newChecksum, in: session)
                    case .forget:
                        try await history.forget(version: recorded, name: action.name, in: session)
                    }
                }
            }
            return actions
        }
    }

    /// The actions `repair` takes on `planner`'s statuses; a requested version that cannot be handled is an error.
    static func repairActions(
        _ planner: MigrationPlanner, markApplied: [MigrationVersion], forget: [MigrationVersion]
    ) -> Result<[RepairAction], StrataError> {
        var actions: [RepairAction] = []
        var handled: Set<MigrationVersion> = []
        for status in planner.statuses() {
            guard let entry = status.history else { continue }
            let fileChecksum = status.migration?.checksum ?? entry.checksum
            func action(_ kind: RepairAction.Kind) -> RepairAction {
                RepairAction(
                    kind: kind, version: status.version, name: status.migration?.name ?? entry.name,
                    oldChecksum: entry.checksum, newChecksum: kind == .forget ? "" : fileChecksum,
                    statementsRun: entry.statementsRun)
            }
            if forget.contains(status.version) {
                guard [.failed, .partial, .skipped, .missing].contains(status.state) else {
                    return .failure(StrataError(
                        .usage, "--forget \(status.version): the migration is \(status.state), not failed, partial, skipped or missing",
                        hint: "to undo an applied migration use strata rollback"))
                }
                actions.append(action(.forget))
                handled.insert(status.version)
            } else if markApplied.contains(status.version) {
                guard status.state == .failed || status.state == .partial, status.migration != nil else {
                    return .failure(StrataError(
                        .usage, "--mark-applied \(status.version): the migration is \(status.state), not failed or partial"))
                }
                actions.append(action(.markApplied))
                handled.insert(status.version)
            } else if status.state == .changed {
                actions.append(action(.realignChecksum))
            } else if (status.state == .failed || status.state == .partial) && fileChecksum != entry.checksum {
                actions.append(action(.keepProgress))
            }
        }
        if let unknown = (forget + markApplied).first(where: { !handled.contains($0) }) {
            return .failure(StrataError(.usage, "version \(unknown) has no history row to repair", hint: "see strata status"))
        }
        return .success(actions)
    }

    private func inTransaction(_ body: () async throws(StrataError) -> Void) async throws(StrataError) {
        try await session.run("BEGIN")
        do throws(StrataError) {
            try await body()
            try await session.run("COMMIT")
        } catch {
            await session.rollbackQuietly()
            throw error
        }
    }
}
