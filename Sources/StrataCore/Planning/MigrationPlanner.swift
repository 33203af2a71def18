/// Compares the migrations on disk with the history table and decides what `status`, `migrate` and `rollback` do.
/// Pure: no I/O, so every rule here is tested in milliseconds.
public struct MigrationPlanner: Sendable {
    /// The migrations on disk, in any order.
    public let migrations: [Migration]
    /// The history rows, in any order.
    public let history: [HistoryEntry]

    /// Creates a planner.
    public init(migrations: [Migration], history: [HistoryEntry]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.history = history.sorted { $0.version < $1.version }
        self.cachedStatuses = Self.statuses(migrations: self.migrations, history: self.history)
    }

    private let cachedStatuses: [MigrationStatus]

    /// One status per version found on disk or in history, ordered by version (computed once).
    public func statuses() -> [MigrationStatus] { cachedStatuses }

    private static func statuses(migrations: [Migration], history: [HistoryEntry]) -> [MigrationStatus] {
        var historyByVersion: [MigrationVersion: HistoryEntry] = [:]
        for entry in history { historyByVersion[entry.version] = entry }
        // Versions a squash file replaces, with the old files' checksums.
        var squashed: [MigrationVersion: Set<String>] = [:]
        for migration in migrations { squashed.merge(SquashedVersions.of(migration)) { $0.union($1) } }
        var result: [MigrationStatus] = []
        var seen = Set<MigrationVersion>()
        for migration in migrations {
            seen.insert(migration.version)
            let entry = historyByVersion[migration.version]
            let state: MigrationStatus.State
            // A squash applied as the old files: its version's row has the old file's checksum.
            let matches = entry?.checksum == migration.checksum
                || (entry.map { SquashedVersions.of(migration)[migration.version]?.contains($0.checksum) == true } ?? false)
            switch entry?.state {
            case nil: state = .pending
            case .applied?, .baseline?: state = matches || entry?.state == .baseline ? .applied : .changed
            // A failed no-transaction run with committed statements is partly applied: `partial`, like an interrupted one.
            case .failed?: state = (entry?.statementsRun ?? 0) > 0 ? .partial : .failed
            case .partial?: state = .partial
            case .skipped?: state = .skipped
            }
            result.append(MigrationStatus(
                version: migration.version, name: migration.name, state: state, migration: migration, history: entry))
        }
        for entry in history where !seen.contains(entry.version) {
            // An old file a squash replaces, applied as it was: accounted for by the squash, not missing.
            if squashed[entry.version]?.contains(entry.checksum) == true, entry.isInEffect { continue }
            result.append(MigrationStatus(
                version: entry.version, name: entry.name, state: .missing, migration: nil, history: entry))
        }
        return result.sorted { $0.version < $1.version }
    }

    /// The migrations `migrate` runs, in order: pending, skipped (retried) and failed or partial (resumed),
    /// up to and including `target` when given.
    public func migrationsToApply(upTo target: MigrationVersion? = nil) -> [MigrationStatus] {
        statuses().filter { status in
            guard status.migration != nil else { return false }
            if let target, status.version > target { return false }
            switch status.state {
            case .pending, .skipped, .failed, .partial, .running: return true
            case .applied, .missing, .changed: return false
            }
        }
    }

    /// True when `version` is `0` or the version of a file or history row: a `--to` target must name one.
    public func knows(_ version: MigrationVersion) -> Bool {
        version == .zero || migrations.contains { $0.version == version } || history.contains { $0.version == version }
    }

    /// A squash file that is pending while the database applied some, not all, of the files it replaces: applying
    /// it would create what those files already created. `migrate` refuses before anything runs.
    public func partlyAppliedSquash() -> (squash: MigrationStatus, applied: [MigrationVersion])? {
        for status in statuses() where status.state == .pending {
            guard let migration = status.migration else { continue }
            let replaced = SquashedVersions.of(migration)
            let applied = history.filter { replaced[$0.version] != nil && $0.isInEffect }.map(\.version)
            if !applied.isEmpty { return (status, applied) }
        }
        return nil
    }

    /// Applied migrations whose files changed since they were applied.
    public func changed() -> [MigrationStatus] { statuses().filter { $0.state == .changed } }

    /// How far `rollback` goes.
    public enum RollbackTarget: Sendable, Hashable {
        /// The last N applied migrations.
        case steps(Int)
        /// Every applied migration above this version; `0` reverts all, including a migration with version 0.
        case toVersion(MigrationVersion)
    }

    /// The applied migrations `rollback` reverts, newest first.
    ///
    /// Throws `usage` when a migration to revert has no file or no down section, or when a partial or failed
    /// non-transactional migration lies above the rollback point, naming it, before anything runs.
    public func migrationsToRevert(_ target: RollbackTarget) throws(StrataError) -> [MigrationStatus] {
        let inEffect = statuses().filter { $0.history?.isInEffect == true }.reversed()
        let chosen: [MigrationStatus]
        switch target {
        case .steps(let count):
            guard count >= 0 else { throw StrataError(.usage, "--steps must be 0 or more") }
            chosen = Array(inEffect.prefix(count))
        case .toVersion(let version):
            // `--to 0` reverts all, a migration with version 0 too (Diesel's initial setup).
            chosen = version == .zero ? Array(inEffect) : inEffect.filter { $0.version > version }
        }
        if let lowest = chosen.last?.version,
            let unfinished = statuses().first(where: { ($0.state == .partial || $0.state == .failed || $0.state == .running) && $0.version > lowest })
        {
            throw StrataError(
                .usage, "cannot roll back past \(unfinished.version) \(unfinished.name): it is \(unfinished.state.rawValue)",
                hint: "finish it with 'strata migrate' (or undo its committed statements by hand) before rolling back")
        }
        for status in chosen {
            guard let migration = status.migration else {
                throw StrataError(
                    .usage, "cannot roll back \(status.version) \(status.name): its file is missing",
                    hint: "restore the file from version control, or roll back to a later version")
            }
            guard migration.down != nil else {
                throw StrataError(
                    .usage, "cannot roll back \(status.version) \(status.name): it has no '-- strata:down' section",
                    location: FileLocation(path: migration.path, line: 1),
                    hint: "add a down section that reverts the migration, or roll back to a later version")
            }
        }
        return chosen
    }
}
