import Logging
import StrataCore
import StrataSQL

/// Applies, reverts and inspects migrations on one database session: the engine behind `strata migrate`,
/// `status`, `validate`, `rollback` and `redo`, and what a Swift server embeds to migrate on boot.
public struct Migrator: Sendable {
    /// The connection it works on.
    public let session: DatabaseSession
    /// Run-wide settings.
    public let options: MigratorOptions
    /// Receives one report per migration.
    public let progress: @Sendable (MigrationProgress) -> Void
    let history: HistoryTable
    let lock: any MigrationLocking

    /// Creates a migrator on `session`.
    public init(
        session: DatabaseSession, options: MigratorOptions = MigratorOptions(),
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) {
        self.session = session
        self.options = options
        self.progress = progress
        self.history = HistoryTable(schema: options.schema)
        self.lock = options.makeLock()
    }

    /// The state of every migration on disk or in history, without taking the lock or creating anything.
    public func status(of migrations: [Migration]) async throws(StrataError) -> [MigrationStatus] {
        MigrationPlanner(migrations: migrations, history: try await history.entries(in: session)).statuses()
    }

    /// The history rows (empty before the first migration), without taking the lock or creating anything.
    public func history(in session: DatabaseSession) async throws(StrataError) -> [HistoryEntry] {
        try await history.entries(in: session)
    }

    /// Applies pending migrations (and retries skipped ones, resumes partial or failed ones) up to `target`.
    ///
    /// With nothing to do it returns without waiting for the lock. Refuses, before anything runs, when an applied
    /// file changed, when a pending file is older than the newest applied one (unless `allowOutOfOrder`), and when a
    /// transactional file holds a statement that cannot run in a transaction.
    @discardableResult
    public func migrate(_ migrations: [Migration], to target: MigrationVersion? = nil) async throws(StrataError) -> MigrationRunSummary {
        try await migrate(migrations, to: target, knownHistory: nil)
    }

    /// ``migrate(_:to:)`` planning from `knownHistory` when the caller has just read it (one round trip less).
    func migrate(
        _ migrations: [Migration], to target: MigrationVersion?, knownHistory: [HistoryEntry]?
    ) async throws(StrataError) -> MigrationRunSummary {
        let entries: [HistoryEntry]
        if let knownHistory { entries = knownHistory } else { entries = try await history.entries(in: session) }
        let before = MigrationPlanner(migrations: migrations, history: entries)
        try preflight(before, target: target)
        if before.migrationsToApply(upTo: target).isEmpty { return MigrationRunSummary() }
        if options.dryRun {
            for status in before.migrationsToApply(upTo: target) {
                guard let migration = status.migration else { continue }
                let statements = try migration.up.statements(path: migration.path)
                progress(.planned(migration, direction: .up, statements: Array(statements.dropFirst(Self.resumePoint(status)))))
            }
            return MigrationRunSummary()
        }
        return try await withLock { () throws(StrataError) -> MigrationRunSummary in
            try await history.create(in: session)
            // Another process may have migrated while we waited for the lock: plan again.
            let planner = MigrationPlanner(migrations: migrations, history: try await history.entries(in: session))
            try preflight(planner, target: target)
            return try await apply(planner.migrationsToApply(upTo: target))
        }
    }

    /// Reverts the last applied migration and applies it again, under one hold of the lock; nothing else runs.
    @discardableResult
    public func redo(_ migrations: [Migration]) async throws(StrataError) -> MigrationRunSummary {
        let before = MigrationPlanner(migrations: migrations, history: try await history.entries(in: session))
        guard let last = try before.migrationsToRevert(.steps(1)).first else {
            throw StrataError(.usage, "nothing to redo: no migration is applied")
        }
        return try await withLock { () throws(StrataError) -> MigrationRunSummary in
            let planner = MigrationPlanner(migrations: migrations, history: try await history.entries(in: session))
            guard let status = try planner.migrationsToRevert(.steps(1)).first, status.version == last.version else {
                throw StrataError(.usage, "another process changed the history during redo; run strata status")
            }
            try await revert([status])
            let again = MigrationPlanner(migrations: migrations, history: try await history.entries(in: session))
            return try await apply(again.migrationsToApply(upTo: status.version).filter { $0.version == status.version })
        }
    }

    /// How many statements of a non-transactional file already ran (history of a partial or failed run).
    static func resumePoint(_ status: MigrationStatus) -> Int {
        guard status.migration?.transactionMode == .nonTransactional else { return 0 }
        switch status.state {
        case .partial, .failed: return status.history?.statementsRun ?? 0
        default: return 0
        }
    }

    /// Everything that can be refused before a single statement runs.
    private func preflight(_ planner: MigrationPlanner, target: MigrationVersion?) throws(StrataError) {
        try refuseChanged(planner)
        let problems = ValidationProblem.find(in: planner.statuses())
        for problem in problems where problem.kind == .missing {
            session.logger.warning("\(problem)")
        }
        if !options.allowOutOfOrder, let problem = problems.first(where: { $0.kind == .outOfOrder }),
            let migration = problem.status.migration
        {
            throw StrataError(
                .validation, "\(problem)", location: FileLocation(path: migration.path, line: 1),
                hint: "give it a version above the newest applied one, or run with --allow-out-of-order")
        }
        for status in planner.migrationsToApply(upTo: target) {
            guard let migration = status.migration, migration.transactionMode == .transactional else { continue }
            try MigrationExecutor.refuseNonTransactionalStatements(
                try migration.up.statements(path: migration.path), in: migration)
        }
    }

    /// Reverts applied migrations, newest first, by their down sections.
    @discardableResult
    public func rollback(
        _ migrations: [Migration], target: MigrationPlanner.RollbackTarget
    ) async throws(StrataError) -> MigrationRunSummary {
        let before = MigrationPlanner(migrations: migrations, history: try await history.entries(in: session))
        let toRevert = try before.migrationsToRevert(target)
        let skippedAbove: Bool
        if case .toVersion(let version) = target {
            skippedAbove = before.history.contains { $0.state == .skipped && $0.version > version }
        } else {
            skippedAbove = false
        }
        if toRevert.isEmpty && !skippedAbove { return MigrationRunSummary() }
        if options.dryRun {
            for status in toRevert {
                guard let migration = status.migration else { continue }
                let statements = try migration.down?.statements(path: migration.path) ?? []
                progress(.planned(migration, direction: .down, statements: statements))
            }
            return MigrationRunSummary()
        }
        return try await withLock { () throws(StrataError) -> MigrationRunSummary in
            let planner = MigrationPlanner(migrations: migrations, history: try await history.entries(in: session))
            let statuses = try planner.migrationsToRevert(target)
            try await revert(statuses)
            var summary = MigrationRunSummary()
            summary.done = statuses.map(\.version)
            // A migration skipped for a missing extension has no effect to revert; below the target it is
            // forgotten so the folder reads as pending again.
            if case .toVersion(let version) = target {
                for entry in planner.history where entry.state == .skipped && entry.version > version {
                    try await history.forgetSkipped(entry, in: session)
                }
            }
            return summary
        }
    }

    /// Problems `validate` reports: changed and missing files, and pending files below the highest applied version.
    public func validate(_ migrations: [Migration]) async throws(StrataError) -> [ValidationProblem] {
        ValidationProblem.find(in: try await status(of: migrations))
    }

    private func refuseChanged(_ planner: MigrationPlanner) throws(StrataError) {
        guard let first = planner.changed().first, let migration = first.migration else { return }
        throw StrataError(
            .validation, "\(first.version) \(first.name) was changed after it was applied",
            location: FileLocation(path: migration.path, line: 1),
            detail: "recorded checksum \(first.history?.checksum ?? "?"), file checksum \(migration.checksum)",
            hint: "restore the applied text and put the change in a new migration (strata new NAME)")
    }
}
